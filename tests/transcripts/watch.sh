# kubectl get --watch and kubectl events --watch: rows as the simulated clock runs.
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
kubectl get pods -w
kubectl scale deployments/kubernetes-bootcamp --replicas=3
kubectl get pods -o wide -w --output-watch-events
kubectl scale deployments/kubernetes-bootcamp --replicas=2
kubectl get pods --watch-only
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v10
kubectl get pods -l app=kubernetes-bootcamp -w --request-timeout=45s
echo "exit $?"
kubectl get deployment kubernetes-bootcamp -w --request-timeout=5s
kubectl rollout undo deployments/kubernetes-bootcamp
kubectl events --for deployment/kubernetes-bootcamp -w
kubectl get pods -w --request-timeout=soon
echo "exit $?"
