# Kubernetes Basics, module 4 — "Using a Service to Expose Your App"
# Source: kubernetes/website content/en/docs/tutorials/kubernetes-basics/expose/expose-intro.md
# Self-contained: starts from a fresh cluster, so module 2's deployment is created first.
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
sleep 10
# Step 1: Creating a new Service
kubectl get pods
kubectl get services
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080
kubectl describe services/kubernetes-bootcamp
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
# from the page's note for Docker Desktop users (kubesim behaves like minikube on Linux)
minikube service kubernetes-bootcamp --url
# Step 2: Using labels
kubectl describe deployment
kubectl get pods -l app=kubernetes-bootcamp
kubectl get services -l app=kubernetes-bootcamp
export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo "Name of the Pod: $POD_NAME"
kubectl label pods "$POD_NAME" version=v1
kubectl describe pods "$POD_NAME"
kubectl get pods -l version=v1
# Step 3: Deleting a service
kubectl delete service -l app=kubernetes-bootcamp
kubectl get services
curl http://"$(minikube ip):$NODE_PORT"
kubectl exec -ti $POD_NAME -- curl http://localhost:8080
