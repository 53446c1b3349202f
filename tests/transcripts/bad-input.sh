# kubesim-args: --scenario bootcamp
# Malformed and mistaken input a learner might type. Every line must give the real tool's own
# error words and a non-zero status (or, where the real tool accepts it, the real result) and
# never a crash or a half-applied change. Starts from the `bootcamp` scenario.

# --- typos in the program or sub-command ---
kubeclt get pods
kubectl gte pods
kubectl cluster-infor
kubectl "get pods"
'kubectl get pods'
kubectl rollout stauts deployments/kubernetes-bootcamp
kubectl create deploymnet web --image=nginx
kubectl
minikube ipp
minikube

# --- typos in resource types and names ---
kubectl get pdos
kubectl get deploymnets
kubectl get pod
kubectl get pods kubernetes-bootcamp
kubectl describe pods kubernetes-bootcamp
kubectl describe deployment kubernetes-bootcam
kubectl get services/kubernetes-bootcamp/extra
kubectl get pods/
kubectl get
kubectl get nodes minikub
kubectl describe

# --- typos in flags ---
kubectl get pods --namspace default
kubectl get pods -wide
kubectl get pods -o wid
kubectl get pods -o
kubectl get pods -n
kubectl get pods --all-namespaces=maybe
kubectl version --short
kubectl scale deployments/kubernetes-bootcamp --replica=4
kubectl scale deployments/kubernetes-bootcamp —replicas=4
kubectl scale deployments/kubernetes-bootcamp ---replicas=4

# --- missing arguments ---
kubectl scale deployments/kubernetes-bootcamp
kubectl scale deployments/kubernetes-bootcamp --replicas
kubectl scale --replicas=3
kubectl set image deployments/kubernetes-bootcamp
kubectl create deployment --image=nginx
kubectl expose
kubectl label pods version=v1
# POD_NAME is not exported yet: the argument is an empty string
kubectl label pods "$POD_NAME" version=v1
kubectl exec
kubectl logs
kubectl delete pods
kubectl delete

# --- bad values ---
kubectl scale deployments/kubernetes-bootcamp --replicas=-1
kubectl scale deployments/kubernetes-bootcamp --replicas=four
kubectl scale deployments/kubernetes-bootcamp --replicas=2.5
kubectl scale deployments/kubernetes-bootcamp --replicas=99999999999
kubectl scale deployments/kubernetes-bootcamp --replicas=3 --current-replicas=5
kubectl create deployment Bad_Name --image=nginx
kubectl create deployment web --image=
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=Jocatalin/Kubernetes-Bootcamp:v2
kubectl set image deployments/kubernetes-bootcamp bootcamp=jocatalin/kubernetes-bootcamp:v2
kubectl expose deployment/kubernetes-bootcamp --type=NodePrt --port 8080
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port abc
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 70000
kubectl get pods -l 'app in (kubernetes-bootcamp'
kubectl get pods -l app=kubernetes-bootcamp,
kubectl get pods --field-selector status.phas=Pending
kubectl get pods --field-selector status.phase=Pending
kubectl rollout undo deployments/kubernetes-bootcamp
kubectl rollout undo deployments/kubernetes-bootcamp --to-revision=99
kubectl proxy --port=abc

# --- things that already exist ---
kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1
kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080

# --- things that do not exist ---
kubectl delete service nosuch
kubectl delete deployment nosuch
kubectl delete deployments/nosuch services/kubernetes-bootcamp-typo
kubectl delete service -l app=nosuch
kubectl label pods nosuch version=v1
kubectl rollout status deployments/nosuch
kubectl logs nosuch
kubectl exec nosuch -- env
kubectl expose deployment/nosuch --type="NodePort" --port 8080
kubectl set image deployments/nosuch nosuch=nginx
minikube service nosuch --url

# --- templates, jsonpath and quoting ---
kubectl get pods -o go-template
kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}'
kubectl get pods -o go-template --template '{{range .items}}{{.metadata.nme}}{{"\n"}}{{end}}'
kubectl get pods -o go-template --template '{{.metadata.name}'
kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name | upper}}{{end}}'
kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 1).nodePort}}'
kubectl get pods -o go-template --template ‘{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}’
kubectl get pods -o jsonpath='{.items[0].metadata.name'
kubectl get pods -o jsonpath='{.items[5].metadata.name}'
kubectl get pods -o jsonpath='{.items[*].metadata.name}'
kubectl get pods -o jsonpath
export POD_NAME="$(kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}')"
echo "Name of the Pod: $POD_NAME"
kubectl label pods "$POD_NAME" version="v 1"
kubectl label pods "$POD_NAME" a=b=c
kubectl label pods "$POD_NAME" version
kubectl label pods "$POD_NAME" version=v1
kubectl label pods "$POD_NAME" version=v2
kubectl label pods $POD_NAME version=v1 --overwrite
kubectl exec $POD_NAME env
kubectl exec $POD_NAME
kubectl exec -ti $POD_NAME -- bsh
# The next four lines are incomplete shell input. kubesim runs a script line by line, so each one
# is a complete (broken) command, as `bash -c '<line>'` would see it: a syntax error, nothing run.
export NODE_PORT=$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}'
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')
echo "unterminated
if true; then
export NODE_PORT="$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')"
echo "NODE_PORT=$NODE_PORT"
export 1NODE_PORT=30000
echo hello )
kubectl get pods | grep Running
kubectl get pods; kubectl get services

# --- curl mistakes ---
curl
curl http://"$(minikube ip):"
curl http://:$NODE_PORT
curl http://minikube:$NODE_PORT
curl http://192.168.49.2:99999
curl http://localhost:8001/version
curl 127.0.0.1:51082
curl $(minikube ip):$NODE_PORT

# --- the shell's own commands, misused ---
sleep abc
sleep -5
ls
cd /tmp

# --- a second `kubectl proxy` on the same port ---
kubectl proxy &
kubectl proxy &
curl http://localhost:8001/version

# --- unknown images (valid requests; the pulls fail) and recovery ---
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v99
sleep 15
kubectl get pods
kubectl rollout undo deployments/kubernetes-bootcamp
kubectl create deployment web --image=nginx:doesnotexist
sleep 15
kubectl get pods
kubectl logs deployment/web
kubectl delete deployment web

# --- huge but valid, then back ---
kubectl scale deployments/kubernetes-bootcamp --replicas=100000
sleep 5
kubectl get deployments
kubectl scale deployments/kubernetes-bootcamp --replicas=1
sleep 35

# --- deleting twice ---
kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp
kubectl delete deployments/kubernetes-bootcamp services/kubernetes-bootcamp
kubectl get all
