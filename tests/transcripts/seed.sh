# kubesim-args: --scenario bootcamp
# The seed blog post "(K8s) 5. 여러 인스턴스를 실행하기. Scaling 하기" (2019), its commands in its
# order, starting from the `bootcamp` scenario (deployment created and exposed as NodePort).
# --- Scaling ---
kubectl get deployments
kubectl scale deployments/kubernetes-bootcamp --replicas=4
sleep 5
kubectl get deployments
kubectl get pods -o wide
kubectl describe deployments/kubernetes-bootcamp
kubectl describe services/kubernetes-bootcamp
export NODE_PORT=$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')
echo NODE_PORT=$NODE_PORT
kubectl scale deployments/kubernetes-bootcamp --replicas=2
kubectl get deployments
kubectl get pods -o wide
# --- Rolling update ---
kubectl get deployments
kubectl get pods
kubectl describe pods
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2
sleep 5
kubectl get pods
kubectl describe services/kubernetes-bootcamp
export NODE_PORT=$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')
echo NODE_PORT=$NODE_PORT
curl $(minikube ip):$NODE_PORT
kubectl rollout status deployments/kubernetes-bootcamp
kubectl describe pods
kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10
sleep 10
kubectl get deployments
kubectl get pods
kubectl describe pods
# "롤백하자" (let's roll back) — the post shows no command; this is the tutorial's
kubectl rollout undo deployments/kubernetes-bootcamp
sleep 30
kubectl get pods
kubectl describe pods
