// kubesim — the state of a fresh `minikube start` (minikube v1.37.0, Kubernetes v1.34.0, docker
// driver and runtime), built by Cluster::bootstrap() (bootstrap.cpp).
//
// Timeline (offsets from the cluster's birth, kEpochMs), modelled on real transcripts of a fresh
// minikube v1.37.0 cluster (`kubectl get pods -A` a minute after start shows the control-plane
// pods a few seconds older than the node, storage-provisioner with `1 (…s ago)` restarts):
//   +0 s    namespaces default, kube-node-lease, kube-public, kube-system; Service `kubernetes`
//   +1 s    mirror pod kube-controller-manager-minikube
//   +2 s    node `minikube`; mirror pods etcd-, kube-apiserver-, kube-scheduler-minikube
//   +5 s    storage-provisioner
//   +7 s    Deployment coredns (2 replicas, as kubeadm makes it), Service kube-dns, kube-proxy pod
//   +9 s    minikube scales coredns to 1 (one of the two pods is deleted)
//   +20 s   worker nodes minikube-m02, -m03, … join (multi-node clusters only), + their kube-proxy
//   +35 s   storage-provisioner's first container exits (it started before the API was reachable)
//   +60 s   the learner's session starts (kSessionStartOffsetMs): Cluster::now() after bootstrap.
#pragma once
#include <cstdint>
#include <string>

namespace kubesim::bootstrap {

// How long after the cluster's birth (kEpochMs) the session starts: `kubectl get nodes` right
// away shows the node about a minute old, as right after `minikube start`.
inline constexpr int64_t kSessionStartOffsetMs = 60 * 1000;

inline constexpr const char* kMinikubeVersion = "v1.37.0";
inline constexpr const char* kMinikubeCommit = "65318f4cfff9c12cc87ec9eb8f4cdd57b25047f3";
// kubeadm's CoreDNS Deployment template hashes to this on Kubernetes v1.34 (seen on minikube,
// kind and kubeadm clusters alike), so the ReplicaSet is named coredns-66bc5c9577.
inline constexpr const char* kCoreDnsTemplateHash = "66bc5c9577";

// minikube's node names: "minikube", "minikube-m02", "minikube-m03", … (index 0-based).
std::string node_name(int index);
// Node InternalIP on the docker network: 192.168.49.2, .3, … (carrying into the next octet for
// very large simulated clusters).
std::string node_ip(int index);
// podCIDR the node IPAM controller gives node `index`: 10.244.<index>.0/24 (carrying likewise).
std::string node_pod_cidr(int index);

}  // namespace kubesim::bootstrap
