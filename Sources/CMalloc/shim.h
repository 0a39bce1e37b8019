// glibc's malloc tuning calls (malloc_trim) for the CLI, which the Glibc module leaves out.
#include <malloc.h>
