// kubesim — the built-in scenarios.
#include "scenarios.h"

namespace kubesim::scenarios {

const std::vector<Scenario>& builtin() {
  static const std::vector<Scenario> all = {
      {"fresh", "a fresh `minikube start`: one node, the kube-system pods, nothing of yours yet", ""},
      {"bootcamp",
       "where Kubernetes Basics module 5 starts: deployment kubernetes-bootcamp (1 replica) exposed as a NodePort "
       "service on 8080, running for a few minutes",
       // Modules 2 and 4 of the tutorial, as a learner types them (the read-only commands in
       // between change nothing, so only the waiting they took is kept).
       "kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1\n"
       "sleep 45\n"
       "kubectl get deployments\n"
       "kubectl get pods\n"
       "sleep 75\n"
       "kubectl expose deployment/kubernetes-bootcamp --type=\"NodePort\" --port 8080\n"
       "sleep 180\n"},
  };
  return all;
}

const Scenario* find(std::string_view name) {
  for (auto& s : builtin()) if (s.name == name) return &s;
  return nullptr;
}

}  // namespace kubesim::scenarios
