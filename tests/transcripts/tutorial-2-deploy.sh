# Kubernetes Basics, module 2 — "Using kubectl to Create a Deployment"
# Source: kubernetes/website content/en/docs/tutorials/kubernetes-basics/deploy-app/deploy-intro.md
# Starts from a fresh cluster.
# "kubectl basics": the text asks for these two (and mentions `kubectl get nodes --help`).
kubectl version
kubectl get nodes
# Deploy an app
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
# wait for the image pull and the container start
sleep 10
kubectl get deployments
# View the app: the page runs `kubectl proxy` in a second terminal; in one terminal that is `&`.
kubectl proxy &
curl http://localhost:8001/version
export POD_NAME=$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')
echo Name of the Pod: $POD_NAME
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/
