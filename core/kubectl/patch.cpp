// kubesim — JSON merge patch, strategic merge patch and JSON patch (see patch.h).
#include "kubectl/patch.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "api/json.h"
#include "kubectl/yaml.h"

namespace kubesim::kubectl {

using nlohmann::json;

// [SECTION] RFC 7386 merge patch ------------------------------------------------------------------------
json merge_patch(const json& target, const json& patch) {
  if (!patch.is_object()) return patch;
  json result = target.is_object() ? target : json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it->is_null()) {
      result.erase(it.key());
    } else {
      auto cur = result.find(it.key());
      result[it.key()] = merge_patch(cur != result.end() ? *cur : json(nullptr), *it);
    }
  }
  return result;
}

// [SECTION] strategic merge patch ----------------------------------------------------------------------
namespace {

// The patch strategy of a list, from its field path ("spec.template.spec.containers").
struct ListStrategy {
  enum Kind { Replace, MergeByKey, MergePrimitives } kind = Replace;
  std::string key;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

ListStrategy strategy_for(const std::string& path) {
  // `path` uses "[]" for list elements: "spec.template.spec.containers[].ports".
  const size_t dot = path.rfind('.');
  const std::string field = dot == std::string::npos ? path : path.substr(dot + 1);
  const std::string parent = dot == std::string::npos ? "" : path.substr(0, dot);
  auto key = [](const char* k) { return ListStrategy{ListStrategy::MergeByKey, k}; };
  if (field == "containers" || field == "initContainers" || field == "ephemeralContainers") return key("name");
  if (field == "ports") {
    if (ends_with(parent, "ontainers[]")) return key("containerPort");
    if (parent == "spec") return key("port");  // Service
    return {};
  }
  if (field == "env" || field == "volumes" || field == "imagePullSecrets" || field == "resourceClaims") return key("name");
  if (field == "volumeMounts") return key("mountPath");
  if (field == "volumeDevices") return key("devicePath");
  if (field == "conditions") return key("type");
  if (field == "ownerReferences") return key("uid");
  if (field == "hostAliases") return key("ip");
  if (field == "topologySpreadConstraints") return key("topologyKey");
  if (field == "podIPs" || field == "hostIPs") return key("ip");
  if (field == "addresses" && parent == "status") return key("type");
  if (field == "finalizers" && parent == "metadata") return {ListStrategy::MergePrimitives, ""};
  return {};
}

bool is_directive(const std::string& k) {
  return k == "$patch" || k == "$retainKeys" || k.rfind("$setElementOrder/", 0) == 0 ||
         k.rfind("$deleteFromPrimitiveList/", 0) == 0;
}

// A patch value with all directives removed (what gets stored when there is nothing to merge into).
json strip_directives(const json& v) {
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (is_directive(it.key())) continue;
      if (it->is_null()) continue;
      out[it.key()] = strip_directives(*it);
    }
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (auto& e : v) {
      if (e.is_object()) {
        auto p = e.find("$patch");
        if (p != e.end() && p->is_string() && *p == "delete") continue;
      }
      out.push_back(strip_directives(e));
    }
    return out;
  }
  return v;
}

class Strategic {
 public:
  std::string err;

  // Returns false on error. `deleted` is set when the map carries "$patch": "delete".
  bool merge_map(json& original, const json& patch, const std::string& path, bool& deleted) {
    deleted = false;
    if (++depth_ > 200) { err = "patch too deeply nested"; return false; }
    if (auto p = patch.find("$patch"); p != patch.end()) {
      if (!p->is_string()) { err = "invalid patch directive " + api::go_sprint(*p); return false; }
      const std::string d = p->get<std::string>();
      if (d == "delete") { deleted = true; --depth_; return true; }
      if (d == "replace") { original = strip_directives(patch); --depth_; return true; }
      if (d != "merge") { err = "Unknown patch type: " + d + " in map: " + api::go_sprint(patch); return false; }
    }
    if (!original.is_object()) original = json::object();
    // $deleteFromPrimitiveList/<field>
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      const std::string& k = it.key();
      if (k.rfind("$deleteFromPrimitiveList/", 0) == 0 && it->is_array()) {
        const std::string field = k.substr(std::strlen("$deleteFromPrimitiveList/"));
        auto cur = original.find(field);
        if (cur != original.end() && cur->is_array()) {
          json kept = json::array();
          for (auto& e : *cur) {
            bool drop = false;
            for (auto& d : *it) if (d == e) drop = true;
            if (!drop) kept.push_back(e);
          }
          *cur = kept;
        }
      }
    }
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      const std::string& k = it.key();
      if (is_directive(k)) continue;
      const std::string child = path.empty() ? k : path + "." + k;
      if (it->is_null()) { original.erase(k); continue; }
      auto cur = original.find(k);
      if (cur == original.end() || cur->is_null()) {
        // nothing to merge into: store the patch value (a "$patch: delete" map deletes nothing)
        if (it->is_object()) {
          auto p = it->find("$patch");
          if (p != it->end() && *p == "delete") continue;
        }
        if (it->is_array()) {
          json merged = json::array();
          if (!merge_list(merged, *it, child)) return false;
          original[k] = merged;
        } else {
          original[k] = strip_directives(*it);
        }
        continue;
      }
      if (cur->is_object() && it->is_object()) {
        bool del = false;
        if (!merge_map(*cur, *it, child, del)) return false;
        if (del) original.erase(k);
        continue;
      }
      if (cur->is_array() && it->is_array()) {
        if (!merge_list(*cur, *it, child)) return false;
        // $setElementOrder/<field>
        auto order = patch.find("$setElementOrder/" + k);
        if (order != patch.end() && order->is_array()) apply_element_order(*cur, *order, strategy_for(child));
        continue;
      }
      original[k] = strip_directives(*it);
    }
    --depth_;
    return true;
  }

 private:
  int depth_ = 0;

  static int index_of(const json& list, const json& item, const ListStrategy& st) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (st.kind == ListStrategy::MergeByKey) {
        if (list[i].is_object() && item.is_object() && list[i].contains(st.key) && item.contains(st.key) &&
            list[i][st.key] == item[st.key])
          return static_cast<int>(i);
      } else if (list[i] == item) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  bool merge_list(json& original, const json& patch, const std::string& path) {
    const ListStrategy st = strategy_for(path);
    if (st.kind == ListStrategy::Replace) {
      original = strip_directives(patch);
      return true;
    }
    if (st.kind == ListStrategy::MergePrimitives) {
      json merged = original;
      for (auto& e : patch)
        if (index_of(merged, e, st) < 0) merged.push_back(e);
      original = order_merged(merged, patch, original, st);
      return true;
    }
    // special elements: $patch replace / delete
    for (auto& e : patch) {
      if (!e.is_object()) continue;
      auto p = e.find("$patch");
      if (p != e.end() && *p == "replace") {
        json replaced = json::array();
        for (auto& x : patch) {
          if (x.is_object() && x.contains("$patch")) continue;
          replaced.push_back(strip_directives(x));
        }
        original = replaced;
        return true;
      }
    }
    json base = original;
    json patch_items = json::array();
    for (auto& e : patch) {
      if (e.is_object()) {
        auto p = e.find("$patch");
        if (p != e.end() && *p == "delete") {
          json kept = json::array();
          for (auto& o : base)
            if (!(o.is_object() && e.contains(st.key) && o.contains(st.key) && o[st.key] == e[st.key])) kept.push_back(o);
          base = kept;
          continue;
        }
        if (p != e.end() && *p != "merge") {
          err = "Unknown patch type: " + api::go_sprint(*p) + " in map: " + api::go_sprint(e);
          return false;
        }
        if (!e.contains(st.key)) {
          err = "map: " + api::go_sprint(e) + " does not contain declared merge key: " + st.key;
          return false;
        }
      }
      patch_items.push_back(e);
    }
    for (auto& e : patch_items) {
      const int at = index_of(base, e, st);
      if (at >= 0) {
        bool del = false;
        if (!merge_map(base[static_cast<size_t>(at)], e, path + "[]", del)) return false;
      } else {
        json fresh = json::object();
        bool del = false;
        if (!merge_map(fresh, e, path + "[]", del)) return false;
        base.push_back(fresh);
      }
    }
    original = order_merged(base, patch_items, original, st);
    return true;
  }

  // normalizeElementOrder: items named in the patch (in patch order) interleaved with the
  // server-only items (in server order), by the server positions where both are known.
  static json order_merged(const json& merged, const json& patch, const json& server, const ListStrategy& st) {
    std::vector<json> patch_items, server_only;
    for (auto& m : merged) {
      if (index_of(patch, m, st) >= 0) patch_items.push_back(m);
      else server_only.push_back(m);
    }
    std::stable_sort(patch_items.begin(), patch_items.end(),
                     [&](const json& a, const json& b) { return index_of(patch, a, st) < index_of(patch, b, st); });
    std::stable_sort(server_only.begin(), server_only.end(),
                     [&](const json& a, const json& b) { return index_of(server, a, st) < index_of(server, b, st); });
    json out = json::array();
    size_t i = 0, j = 0;
    while (i < patch_items.size() || j < server_only.size()) {
      if (i >= patch_items.size()) { out.push_back(server_only[j++]); continue; }
      if (j >= server_only.size()) { out.push_back(patch_items[i++]); continue; }
      const int li = index_of(server, patch_items[i], st), ri = index_of(server, server_only[j], st);
      if (li >= 0 && ri >= 0 && li < ri) out.push_back(patch_items[i++]);
      else out.push_back(server_only[j++]);
    }
    return out;
  }

  static void apply_element_order(json& list, const json& order, const ListStrategy& st) {
    std::vector<json> ordered, rest;
    for (auto& o : order) {
      for (auto& e : list) {
        const bool same = st.kind == ListStrategy::MergeByKey
                              ? (e.is_object() && o.is_object() && e.contains(st.key) && o.contains(st.key) && e[st.key] == o[st.key])
                              : e == o;
        if (same) { ordered.push_back(e); break; }
      }
    }
    for (auto& e : list) {
      bool named = false;
      for (auto& o : ordered) if (o == e) named = true;
      if (!named) rest.push_back(e);
    }
    json out = json::array();
    for (auto& e : ordered) out.push_back(e);
    for (auto& e : rest) out.push_back(e);
    list = out;
  }
};

}  // namespace

bool strategic_merge_patch(const json& original, const json& patch, json& result, std::string& err) {
  if (!patch.is_object()) {
    err = "json: cannot unmarshal " + std::string(patch.is_array() ? "array" : patch.is_string() ? "string" : "number") +
          " into Go value of type map[string]interface {}";
    return false;
  }
  result = original;
  Strategic s;
  bool deleted = false;
  if (!s.merge_map(result, patch, "", deleted)) { err = s.err; return false; }
  if (deleted) result = json::object();
  return true;
}

// [SECTION] RFC 6902 JSON patch --------------------------------------------------------------------------
namespace {

bool split_pointer(const std::string& ptr, std::vector<std::string>& parts) {
  parts.clear();
  if (ptr.empty()) return true;
  if (ptr[0] != '/') return false;
  size_t start = 1;
  for (;;) {
    const size_t slash = ptr.find('/', start);
    std::string raw = ptr.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    std::string part;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        part += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        part += raw[i];
      }
    }
    parts.push_back(part);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

bool parse_index(const std::string& s, size_t& out) {
  if (s.empty() || s.size() > 9) return false;
  out = 0;
  for (char c : s) { if (c < '0' || c > '9') return false; out = out * 10 + static_cast<size_t>(c - '0'); }
  return !(s.size() > 1 && s[0] == '0');
}

// The container holding the last path element, or nullptr.
json* find_parent(json& doc, const std::vector<std::string>& parts) {
  json* cur = &doc;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (cur->is_object()) {
      auto it = cur->find(parts[i]);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      size_t idx;
      if (!parse_index(parts[i], idx) || idx >= cur->size()) return nullptr;
      cur = &(*cur)[idx];
    } else {
      return nullptr;
    }
  }
  return cur;
}

}  // namespace

bool json_patch(const json& original, const json& patch, json& result, std::string& err) {
  if (!patch.is_array()) {
    err = "json: cannot unmarshal " + std::string(patch.is_object() ? "object" : patch.is_string() ? "string" : "number") +
          " into Go value of type jsonpatch.Patch";
    return false;
  }
  result = original;
  for (auto& op : patch) {
    if (!op.is_object()) { err = "json: cannot unmarshal " + std::string(op.is_array() ? "array" : "string") + " into Go value of type jsonpatch.Operation"; return false; }
    const std::string kind = op.contains("op") && op["op"].is_string() ? op["op"].get<std::string>() : "unknown";
    const std::string path = op.contains("path") && op["path"].is_string() ? op["path"].get<std::string>() : "";
    if (!op.contains("path") && kind != "unknown") { err = kind + " operation failed to decode path: operation missing path field"; return false; }
    std::vector<std::string> parts;
    if (!split_pointer(path, parts)) { err = "JSON pointer must be empty or start with a \"/\": " + path; return false; }
    auto value_of = [&](json& out) -> bool {
      auto it = op.find("value");
      if (it == op.end()) { err = kind + " operation, missing value field"; return false; }
      out = *it;
      return true;
    };
    if (kind == "add") {
      json v;
      if (!value_of(v)) return false;
      if (parts.empty()) { result = v; continue; }
      json* con = find_parent(result, parts);
      if (!con || (!con->is_object() && !con->is_array())) { err = "add operation does not apply: doc is missing path: \"" + path + "\": missing value"; return false; }
      if (con->is_object()) { (*con)[parts.back()] = v; continue; }
      size_t idx = con->size();
      if (parts.back() != "-" && (!parse_index(parts.back(), idx) || idx > con->size())) {
        err = "add operation does not apply: doc is missing path: \"" + path + "\": missing value";
        return false;
      }
      con->insert(con->begin() + static_cast<long>(idx), v);
    } else if (kind == "remove" || kind == "replace" || kind == "test") {
      json* con = parts.empty() ? nullptr : find_parent(result, parts);
      json* target = nullptr;
      if (con && con->is_object()) {
        auto it = con->find(parts.back());
        if (it != con->end()) target = &*it;
      } else if (con && con->is_array()) {
        size_t idx;
        if (parse_index(parts.back(), idx) && idx < con->size()) target = &(*con)[idx];
      }
      if (parts.empty()) target = &result;
      if (kind == "test") {
        json v;
        if (!value_of(v)) return false;
        if (!target || *target != v) { err = "testing value " + path + " failed: test failed"; return false; }
        continue;
      }
      if (!target) {
        err = kind + " operation does not apply: doc is missing " + (kind == "replace" ? "key: " + path : "path: \"" + path + "\"") + ": missing value";
        return false;
      }
      if (kind == "replace") {
        json v;
        if (!value_of(v)) return false;
        *target = v;
      } else if (con->is_object()) {
        con->erase(parts.back());
      } else {
        size_t idx;
        parse_index(parts.back(), idx);
        con->erase(con->begin() + static_cast<long>(idx));
      }
    } else if (kind == "move" || kind == "copy") {
      const std::string from = op.contains("from") && op["from"].is_string() ? op["from"].get<std::string>() : "";
      std::vector<std::string> fparts;
      if (!split_pointer(from, fparts) || fparts.empty()) { err = kind + " operation does not apply: doc is missing from path: " + from + ": missing value"; return false; }
      json* fcon = find_parent(result, fparts);
      json value;
      bool found = false;
      if (fcon && fcon->is_object() && fcon->contains(fparts.back())) { value = (*fcon)[fparts.back()]; found = true; }
      size_t fidx = 0;
      if (fcon && fcon->is_array() && parse_index(fparts.back(), fidx) && fidx < fcon->size()) { value = (*fcon)[fidx]; found = true; }
      if (!found) { err = kind + " operation does not apply: doc is missing from path: " + from + ": missing value"; return false; }
      if (kind == "move") {
        if (fcon->is_object()) fcon->erase(fparts.back());
        else fcon->erase(fcon->begin() + static_cast<long>(fidx));
      }
      json add = {{"op", "add"}, {"path", path}, {"value", value}};
      json next;
      if (!json_patch(result, json::array({add}), next, err)) return false;
      result = std::move(next);
    } else {
      err = "Unexpected kind: " + kind;
      return false;
    }
  }
  return true;
}

// [SECTION] kubectl patch -----------------------------------------------------------------------------------
bool apply_patch(const std::string& type_in, const json& original, const std::string& patch_text, json& result,
                 std::string& err) {
  std::string type;
  for (char c : type_in) type += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (type.empty()) type = "strategic";
  if (type != "json" && type != "merge" && type != "strategic") {
    err = "--type must be one of [json merge strategic], not " + api::go_quote(type_in);
    return false;
  }
  if (patch_text.empty()) { err = "must specify -p to patch"; return false; }
  json patch;
  std::string perr;
  if (!parse_yaml(patch_text, patch, perr)) {
    err = "unable to parse " + api::go_quote(patch_text) + ": " + perr;
    return false;
  }
  if (type == "json") return json_patch(original, patch, result, err);
  if (type == "merge") { result = merge_patch(original, patch); return true; }
  return strategic_merge_patch(original, patch, result, err);
}

}  // namespace kubesim::kubectl
