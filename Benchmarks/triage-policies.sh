#!/usr/bin/env bash
# Writes Kubernetes NetworkPolicies for the namespaces and apps of the synthetic Hubble data
# (SyntheticHubble: team-0…team-9, apps web, api, db, cache, worker, gateway): a default deny per
# namespace, and web → api → db, worker → cache, gateway → web allows, ten policies a namespace.
set -euo pipefail
for ns in $(seq 0 9); do
  cat <<YAML
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: team-$ns}
spec: {podSelector: {}, policyTypes: [Ingress]}
YAML
  for pair in web:api api:db worker:cache gateway:web web:cache api:cache worker:db gateway:api db:db; do
    from=${pair%%:*}; to=${pair##*:}
    cat <<YAML
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: $from-to-$to, namespace: team-$ns}
spec:
  podSelector: {matchLabels: {app: $to}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: $from}}}]
    ports: [{port: 8080}, {port: 443}]
YAML
  done
done
