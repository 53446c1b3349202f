// kubesim — garbage collector: background propagation of owner deletion (see gc.h).
#include "controllers/gc.h"

#include "cluster.h"
#include "controllers/replicaset.h"

namespace kubesim::controllers {

void GarbageCollector::on_change(const store::Change& c, Cluster&) {
  if (c.type != store::ChangeType::Deleted || c.uid.empty()) return;
  if (c.kind == store::Kind::Deployment || c.kind == store::Kind::ReplicaSet)
    deleted_owners_.emplace_back(c.kind, c.uid);
}

bool GarbageCollector::process(Cluster& cluster) {
  if (deleted_owners_.empty() && dirty_.empty()) return false;
  dirty_.clear();  // nothing is keyed by name here; owners are tracked by uid
  std::vector<std::pair<store::Kind, std::string>> owners;
  owners.swap(deleted_owners_);
  auto& store = cluster.store;
  for (auto& [kind, uid] : owners) {
    if (kind == store::Kind::Deployment) {
      // Copy the keys first: removing a ReplicaSet edits the index we are reading.
      const auto& idx = store.replicasets_owned_by(uid);
      std::vector<store::Key> keys(idx.begin(), idx.end());
      for (auto& k : keys) store.remove(store::Kind::ReplicaSet, k);
    } else {
      const auto& idx = store.pods_owned_by(uid);
      std::vector<store::Key> keys(idx.begin(), idx.end());
      for (auto& k : keys) {
        const api::Pod* p = store.pods().get(k);
        if (!p || p->metadata.deletion_ms) continue;  // already on its way out
        delete_pod_gracefully(cluster, k);
      }
    }
  }
  return true;
}

}  // namespace kubesim::controllers
