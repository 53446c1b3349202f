# Events as kubectl v1.34 sorts and prints them. Go's sort.Sort is not stable: with more than 12
# events, those of the same second come out in the order its quicksort leaves them (checked
# against the real kubectl, see tests/unit/gosort_test.cpp), not in list order.
kubectl create deployment web --image=nginx --replicas=4
sleep 30
kubectl events
kubectl get events --sort-by=.lastTimestamp -o custom-columns=SECOND:.lastTimestamp,REASON:.reason,OBJECT:.involvedObject.name
kubectl events --for deployment/web -o yaml
kubectl events -o jsonpath='{range .items[*]}{.reason}{" "}{end}'
echo
kubectl events -o name
echo "exit $?"
kubectl events -o wide
echo "exit $?"
kubectl scale deployment web --replicas=2
kubectl events -w -o yaml --for deployment/web --request-timeout=5s
