# Kubernetes Basics, modules 1–6 in one sitting, exactly in page order.
# Sources: kubernetes/website content/en/docs/tutorials/kubernetes-basics/{create-cluster/cluster-intro.md,
# deploy-app/deploy-intro.md, explore/explore-intro.md, expose/expose-intro.md, scale/scale-intro.md,
# update/update-intro.md}. Starts from a fresh cluster.

# --- Module 1: a cluster (commands of the original interactive module) ---
minikube version
minikube start
minikube status
kubectl version
kubectl cluster-info
kubectl get nodes

# --- Module 2: create a Deployment ---
kubectl version
kubectl get nodes
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
sleep 10
kubectl get deployments
# "You need to open a second terminal window to run the proxy" — one terminal: `&`
kubectl proxy &
curl http://localhost:8001/version
export POD_NAME=$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')
echo Name of the Pod: $POD_NAME
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/

# --- Module 3: pods and nodes ---
kubectl get pods
kubectl describe pods
# the page starts the proxy again "in a new terminal"; module 2's proxy still holds port 8001,
# so this second one fails to bind (a learner who closed the first terminal would not see this)
kubectl proxy &
export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo Name of the Pod: $POD_NAME
curl http://localhost:8001/api/v1/namespaces/default/pods/$POD_NAME:8080/proxy/
kubectl logs "$POD_NAME"
kubectl exec "$POD_NAME" -- env
kubectl exec -ti $POD_NAME -- bash
cat server.js
curl http://localhost:8080
exit

# --- Module 4: expose with a Service, labels ---
kubectl get pods
kubectl get services
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080
kubectl describe services/kubernetes-bootcamp
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
minikube service kubernetes-bootcamp --url
kubectl describe deployment
kubectl get pods -l app=kubernetes-bootcamp
kubectl get services -l app=kubernetes-bootcamp
export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo "Name of the Pod: $POD_NAME"
kubectl label pods "$POD_NAME" version=v1
kubectl describe pods "$POD_NAME"
kubectl get pods -l version=v1
kubectl delete service -l app=kubernetes-bootcamp
kubectl get services
curl http://"$(minikube ip):$NODE_PORT"
kubectl exec -ti $POD_NAME -- curl http://localhost:8080

# --- Module 5: scaling (the page's note: the NodePort service was deleted, create a LoadBalancer one) ---
kubectl expose deployment/kubernetes-bootcamp --type="LoadBalancer" --port 8080
kubectl get deployments
kubectl get rs
kubectl scale deployments/kubernetes-bootcamp --replicas=4
sleep 5
kubectl get deployments
kubectl get pods -o wide
kubectl describe deployments/kubernetes-bootcamp
kubectl describe services/kubernetes-bootcamp
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo NODE_PORT=$NODE_PORT
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
curl http://"$(minikube ip):$NODE_PORT"
minikube service kubernetes-bootcamp --url
kubectl scale deployments/kubernetes-bootcamp --replicas=2
kubectl get deployments
kubectl get pods -o wide

# --- Module 6: rolling update and rollback ---
# (reading the new page takes a while; the scaled-down pods finish terminating meanwhile)
sleep 35
kubectl get deployments
kubectl get pods
kubectl describe pods
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2
sleep 5
kubectl get pods
kubectl describe services/kubernetes-bootcamp
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
sleep 30
curl http://"$(minikube ip):$NODE_PORT"
kubectl rollout status deployments/kubernetes-bootcamp
kubectl describe pods
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
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
kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp
