// kubesim — gc.cpp — ownerReference garbage collection (background cascading deletion)
// Level-based: on_change() only turns store changes into dirty keys; process() reconciles every
// dirty key against the store and writes back through the store.
//
// When an owner disappears (a Deployment, a ReplicaSet) its dependents go too, found through the
// store's owner-uid indexes: a deleted Deployment's ReplicaSets are removed; a deleted
// ReplicaSet's pods are deleted gracefully (they show Terminating for their grace period, like a
// scale-down). Owners are identified by uid, so a new object with an old name is left alone.
#pragma once
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::controllers {

class GarbageCollector {
 public:
  // Map one store change to the keys this loop must look at again.
  void on_change(const store::Change& c, Cluster& cluster);
  // Reconcile all dirty keys; returns true if any work was done.
  bool process(Cluster& cluster);
  void enqueue(const store::Key& k) { dirty_.insert(k); }

 private:
  std::set<store::Key> dirty_;  // processed in key order, so runs are deterministic
  // Owners seen deleted, in the order their deletions were observed: (kind, uid).
  std::vector<std::pair<store::Kind, std::string>> deleted_owners_;
};

}  // namespace kubesim::controllers
