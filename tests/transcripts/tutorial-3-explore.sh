# Kubernetes Basics, module 3 — "Viewing Pods and Nodes"
# Source: kubernetes/website content/en/docs/tutorials/kubernetes-basics/explore/explore-intro.md
# Self-contained: starts from a fresh cluster, so module 2's deployment is created first.
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
sleep 10
# Check application configuration
kubectl get pods
kubectl describe pods
# Show the app in the terminal: `kubectl proxy` runs in a second terminal (here: `&`).
kubectl proxy &
export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo Name of the Pod: $POD_NAME
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/
# Earlier versions of this page also showed the container logs (the request above is logged):
kubectl logs "$POD_NAME"
# Executing commands on the container
kubectl exec "$POD_NAME" -- env
kubectl exec -ti $POD_NAME -- bash
# the next three lines are typed inside the container's bash
cat server.js
curl http://localhost:8080
exit
