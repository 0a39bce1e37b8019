demo:
	./scripts/install-deps.sh
	swift run denyscope demo

test:
	./scripts/install-deps.sh
	./scripts/check-purity.sh
	swift format lint --strict -r Sources Tests
	swift test --disable-xctest

.PHONY: demo test
