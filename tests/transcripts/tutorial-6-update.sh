# Kubernetes Basics, module 6 — "Performing a Rolling Update"
# Source: kubernetes/website content/en/docs/tutorials/kubernetes-basics/update/update-intro.md
# Self-contained: starts from a fresh cluster. Setup = the state-changing commands of modules 2
# and 5 (deployment, LoadBalancer service, scale to 4 then down to 2), as a learner arrives here.
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
sleep 10
kubectl expose deployment/kubernetes-bootcamp --type="LoadBalancer" --port 8080
kubectl scale deployments/kubernetes-bootcamp --replicas=4
sleep 5
kubectl scale deployments/kubernetes-bootcamp --replicas=2
# let the two scaled-down pods finish terminating (the app ignores SIGTERM: 30 s grace period)
sleep 35
# Update the version of the app
kubectl get deployments
kubectl get pods
kubectl describe pods
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2
sleep 5
kubectl get pods
# Verify an update (the service still exists, so the page's conditional
# `kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080` is not needed)
kubectl describe services/kubernetes-bootcamp
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
# wait for the rolling update to finish before checking the version
sleep 30
curl http://"$(minikube ip):$NODE_PORT"
kubectl rollout status deployments/kubernetes-bootcamp
kubectl describe pods
# Roll back an update
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
# give the pull a few tries: ErrImagePull, then ImagePullBackOff
sleep 20
kubectl get deployments
kubectl get pods
export AFFECTED_POD="$(kubectl get pods --field-selector status.phase=Pending -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo "AFFECTED POD=$AFFECTED_POD"
kubectl describe pod $AFFECTED_POD
kubectl rollout undo deployments/kubernetes-bootcamp
sleep 30
kubectl get pods
kubectl describe pods
# Remember to clean up your local cluster.
kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp
