# Kubernetes' published limits: 5,000 nodes, 150,000 pods. Run with --nodes 5000 (scripts/bench.sh).
kubectl create deployment big --image=nginx:1.27 --replicas=150000
kubectl rollout status deployment/big --watch=true >/dev/null
kubectl get deployment big
kubectl set image deployment/big nginx=nginx:1.28
kubectl rollout status deployment/big >/dev/null
kubectl get deployment big
kubectl get rs
