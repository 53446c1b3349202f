# Kubernetes Basics, module 1 — "Using Minikube to Create a Cluster"
# Source: kubernetes/website content/en/docs/tutorials/kubernetes-basics/create-cluster/cluster-intro.md
# The current page shows no commands (it only names minikube's start, stop, status and delete);
# these are the commands of the original interactive module 1 (katacoda scenario
# kubernetes-bootcamp/1) plus `minikube status`, which the page mentions.
# Starts from a fresh cluster (minikube already running).
minikube version
minikube start
minikube status
kubectl version
kubectl cluster-info
kubectl get nodes
