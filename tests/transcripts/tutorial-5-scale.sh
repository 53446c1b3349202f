# Kubernetes Basics, module 5 — "Running Multiple Instances of Your App"
# Source: kubernetes/website content/en/docs/tutorials/kubernetes-basics/scale/scale-intro.md
# Self-contained: starts from a fresh cluster. Setup = module 2's deployment, then the command of
# this page's note (module 4 ended by deleting the NodePort service; this page assumes a
# LoadBalancer service).
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
sleep 10
kubectl expose deployment/kubernetes-bootcamp --type="LoadBalancer" --port 8080
# Scaling a Deployment
kubectl get deployments
kubectl get rs
kubectl scale deployments/kubernetes-bootcamp --replicas=4
# the new pods start within seconds (the image is already on the node)
sleep 5
kubectl get deployments
kubectl get pods -o wide
kubectl describe deployments/kubernetes-bootcamp
# Load Balancing
kubectl describe services/kubernetes-bootcamp
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo NODE_PORT=$NODE_PORT
# "Execute the command multiple times"
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
# from the page's note for Docker Desktop users
minikube service kubernetes-bootcamp --url
# Scale Down
kubectl scale deployments/kubernetes-bootcamp --replicas=2
kubectl get deployments
kubectl get pods -o wide
