// kubesim — `kubectl get`.
//
// Follows kubectl's get.go (Complete / Validate / Run / printGeneric) and cli-runtime's
// resource.Builder (argument shapes, `all`, selectors, NotFound collection):
//   * tables: one table per resource type (the API server answers a list with a Table, even an
//     empty one); consecutive results of the same type share a table; a blank line separates
//     types; names get a "kind/" prefix as soon as more than one type was asked for;
//   * -o json|yaml|name|go-template|jsonpath|custom-columns: every object goes into one `List`
//     unless exactly one object was named;
//   * errors (NotFound, selector errors) are printed after whatever was found, exit status 1.
// `-w` prints the current state once and returns: kubesim's clock only moves on demand, so a
// watch that waits for changes would never see one.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "api/json.h"
#include "api/quantity.h"
#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/gosort.h"
#include "kubectl/customcolumns.h"
#include "kubectl/gotemplate.h"
#include "kubectl/jsonpath.h"
#include "kubectl/kubectl.h"
#include "kubectl/printers.h"
#include "kubectl/resources.h"
#include "kubectl/selectors.h"
#include "kubectl/tabwriter.h"
#include "kubectl/timefmt.h"
#include "kubectl/yaml.h"

namespace kubesim::kubectl {

nlohmann::json json_of(ObjectRef r) {
  using K = store::Kind;
  switch (r.kind) {
    case K::Pod: return api::to_json(*static_cast<const api::Pod*>(r.object));
    case K::ReplicaSet: return api::to_json(*static_cast<const api::ReplicaSet*>(r.object));
    case K::Deployment: return api::to_json(*static_cast<const api::Deployment*>(r.object));
    case K::Service: return api::to_json(*static_cast<const api::Service*>(r.object));
    case K::Endpoints: return api::to_json(*static_cast<const api::Endpoints*>(r.object));
    case K::Node: return api::to_json(*static_cast<const api::Node*>(r.object));
    case K::Namespace: return api::to_json(*static_cast<const api::Namespace*>(r.object));
    case K::Event: return api::to_json(*static_cast<const api::Event*>(r.object));
  }
  return nullptr;
}

namespace {

// -o json|yaml|template of more objects than this is refused: 150,000 pods would be hundreds of
// megabytes of text (and memory) for a terminal that keeps 8 MiB per command line.
constexpr size_t kMaxGenericObjects = 10000;

std::string trim_copy(const std::string& s) {
  const char* ws = " \t\n\r\v\f";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

bool field_match(ObjectRef r, const FieldSelector& sel) {
  using K = store::Kind;
  switch (r.kind) {
    case K::Pod: return field_selector_matches(*static_cast<const api::Pod*>(r.object), sel);
    case K::ReplicaSet: return field_selector_matches(*static_cast<const api::ReplicaSet*>(r.object), sel);
    case K::Deployment: return field_selector_matches(*static_cast<const api::Deployment*>(r.object), sel);
    case K::Service: return field_selector_matches(*static_cast<const api::Service*>(r.object), sel);
    case K::Endpoints: return field_selector_matches(*static_cast<const api::Endpoints*>(r.object), sel);
    case K::Node: return field_selector_matches(*static_cast<const api::Node*>(r.object), sel);
    case K::Namespace: return field_selector_matches(*static_cast<const api::Namespace*>(r.object), sel);
    case K::Event: return field_selector_matches(*static_cast<const api::Event*>(r.object), sel);
  }
  return false;
}


// Results of the requests: one per list request (possibly empty) or per object found by name.
struct Info {
  const ResourceType* type = nullptr;
  std::vector<ObjectRef> objects;
};

std::vector<std::string> label_columns(const ParsedFlags& flags) {
  std::vector<std::string> cols;
  auto it = flags.values.find("label-columns");
  if (it == flags.values.end()) return cols;
  for (auto& v : it->second)
    for (auto& c : split_csv(v))
      if (!c.empty()) cols.push_back(c);
  return cols;
}

// [SECTION] --sort-by -----------------------------------------------------------------------------
// sortorder.NaturalLess: digit runs compare as numbers, digits sort before other bytes.
bool natural_less(const std::string& a, const std::string& b) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = digit(a[i]), db = digit(b[j]);
    if (da != db) return da;
    if (!da) {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i, ++j;
      continue;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    const size_t nz_a = i, nz_b = j;
    while (i < a.size() && digit(a[i])) ++i;
    while (j < b.size() && digit(b[j])) ++j;
    if (i - nz_a != j - nz_b) return i - nz_a < j - nz_b;
    if (int c = a.compare(nz_a, i - nz_a, b, nz_b, j - nz_b); c != 0) return c < 0;
    if (nz_a != nz_b) return nz_a < nz_b;
  }
  return a.size() < b.size();
}

// resource.Quantity.Cmp for two parsed quantities (exact, without overflow: the operand with the
// smaller scale is never rescaled, so at most one side can outgrow int64, and then it is the larger).
int quantity_cmp(const api::Quantity& x, const api::Quantity& y) {
  const int sx = x.mantissa < 0 ? -1 : x.mantissa > 0, sy = y.mantissa < 0 ? -1 : y.mantissa > 0;
  if (sx != sy) return sx < sy ? -1 : 1;
  const int32_t s = std::min(x.scale, y.scale);
  bool big_x = false, big_y = false;
  auto rescale = [&](int64_t m, int32_t from, bool& big) {
    for (int32_t k = s; k < from; ++k) {
      if (m > INT64_MAX / 10 || m < -(INT64_MAX / 10)) { big = true; return m; }
      m *= 10;
    }
    return m;
  };
  const int64_t a = rescale(x.mantissa, x.scale, big_x), b = rescale(y.mantissa, y.scale, big_y);
  if (big_x) return sx;   // |x| > |y|
  if (big_y) return -sy;  // |y| > |x|
  return a < b ? -1 : a > b ? 1 : 0;
}

// A --sort-by value, with what isLess needs precomputed (it is compared O(n log n) times).
struct SortKey {
  bool present = false;
  nlohmann::json value;
  bool is_string = false;
  std::string text;
  bool is_quantity = false;
  api::Quantity quantity;
};

SortKey make_sort_key(std::optional<nlohmann::json> v) {
  SortKey k;
  if (!v) return k;
  k.present = true;
  k.value = std::move(*v);
  if (k.value.is_string()) {
    k.is_string = true;
    k.text = k.value.get<std::string>();
    std::string err;
    k.is_quantity = api::parse_quantity(k.text, k.quantity, err);
  }
  return k;
}

// isLess for values of an unstructured object: strings that are both quantities compare as
// quantities, other strings naturally; numbers numerically.
bool value_less(const SortKey& a, const SortKey& b) {
  if (a.is_string && b.is_string) {
    if (a.is_quantity && b.is_quantity) return quantity_cmp(a.quantity, b.quantity) < 0;
    return natural_less(a.text, b.text);
  }
  const nlohmann::json &x = a.value, &y = b.value;
  if (x.is_null() || y.is_null()) return x.is_null() && !y.is_null();
  if (x.is_number_integer() && y.is_number_integer()) return x.get<int64_t>() < y.get<int64_t>();
  if (x.is_number() && y.is_number()) return x.get<double>() < y.get<double>();
  if (x.is_boolean() && y.is_boolean()) return !x.get<bool>() && y.get<bool>();
  return false;
}

// The order of `items` sorted by the --sort-by expression: kubectl's TableSorter (tables: `human`)
// or SortObjects (-o json|yaml|…). "" or the error to print.
// `item(i)` gives the i-th object as JSON; each is dropped once its key is taken, so sorting a
// large list never holds every object's JSON at once.
std::string sort_order(size_t n, const std::function<nlohmann::json(size_t)>& item, const std::string& sort_by,
                       bool human, std::vector<size_t>& order) {
  std::string field, err;
  if (!relaxed_jsonpath_expression(sort_by, field, err)) field = sort_by;
  JsonPath parser;
  parser.set_allow_missing_keys(true);
  if (!parser.parse(field, err)) return human ? "sorting error: " + err : err;
  std::vector<SortKey> keys;
  keys.reserve(n);
  bool found_once = false;
  for (size_t i = 0; i < n; ++i) {
    std::vector<std::vector<nlohmann::json>> groups;
    if (!parser.find_results(item(i), groups, err)) return err;
    const bool has = !groups.empty() && !groups[0].empty();
    keys.push_back(make_sort_key(has ? std::optional<nlohmann::json>(std::move(groups[0][0])) : std::nullopt));
    found_once = found_once || has;
  }
  if (n > 0 && !found_once) return "couldn't find any field with path \"" + field + "\" in the list of objects";
  order.resize(n);
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Go's sort.Sort with kubectl's Less, to the letter: an object without the field is "less" than
  // anything, even than another without it (not a strict weak order: go_sort then answers as Go does).
  go_sort_slice(order, [&](size_t x, size_t y) {
    const SortKey& a = keys[x];
    const SortKey& b = keys[y];
    if (!a.present) return true;
    if (!b.present) return false;
    return value_less(a, b);
  });
  return "";
}

// [SECTION] printers for -o json|yaml|name|go-template|jsonpath|custom-columns ------------------------

// NamePrinter: "<kind>[.<group>]/<name>" per object, list items one by one.
void print_names(const nlohmann::json& obj, std::string& out) {
  if (obj.value("kind", "") == "List" && obj.contains("items")) {
    for (auto& item : obj["items"]) print_names(item, out);
    return;
  }
  std::string api_version = obj.value("apiVersion", ""), group;
  if (auto slash = api_version.find('/'); slash != std::string::npos) group = api_version.substr(0, slash);
  std::string name = "<unknown>";
  if (obj.contains("metadata") && obj["metadata"].is_object()) {
    std::string n = obj["metadata"].value("name", "");
    if (!n.empty()) name = n;
  }
  out += to_lower(obj.value("kind", "")) + (group.empty() ? "" : "." + group) + "/" + name + "\n";
}

// -o jsonpath=… / jsonpath-as-json=…
std::string make_jsonpath_printer(const std::string& tmpl, bool as_json, bool allow_missing_keys, GenericPrinter& printer) {
  JsonPath parser;
  std::string err;
  if (!parser.parse(tmpl, err)) return "error parsing jsonpath " + tmpl + ", " + err;
  if (!as_json) {
    printer = [tmpl, allow_missing_keys](const nlohmann::json& obj, std::string& out, std::string& perr) {
      return print_jsonpath(tmpl, obj, allow_missing_keys, out, perr);
    };
    return "";
  }
  // EnableJSONOutput: every piece's results as one indented JSON array.
  printer = [tmpl, allow_missing_keys](const nlohmann::json& obj, std::string& out, std::string& perr) {
    JsonPath p;
    std::string e;
    p.parse(tmpl, e);
    p.set_allow_missing_keys(allow_missing_keys);
    std::vector<std::vector<nlohmann::json>> groups;
    if (!p.find_results(obj, groups, e)) {
      std::string ignored;
      return print_jsonpath(tmpl, obj, allow_missing_keys, ignored, perr);  // the same error text
    }
    for (auto& g : groups) out += api::go_json_indent(nlohmann::json(g)) + "\n";
    return true;
  };
  return "";
}

// -o go-template=… / template=… / --template
std::string make_go_template_printer(const std::string& tmpl, bool allow_missing_keys, GenericPrinter& printer) {
  GoTemplate t;
  std::string err;
  if (!t.parse(tmpl, err)) return "error parsing template " + tmpl + ", " + err;
  printer = [tmpl, allow_missing_keys](const nlohmann::json& obj, std::string& out, std::string& perr) {
    return print_go_template(tmpl, obj, allow_missing_keys, out, perr);
  };
  return "";
}

// -o custom-columns=HEADER:PATH,…
std::string make_custom_columns_printer(const std::string& spec, bool no_headers, GenericPrinter& printer) {
  std::vector<CustomColumn> columns;
  std::string err;
  if (!parse_custom_columns_spec(spec, columns, err)) return err;
  printer = [columns, no_headers](const nlohmann::json& obj, std::string& out, std::string& perr) {
    return print_custom_columns(columns, obj, no_headers, out, perr);
  };
  return "";
}

std::string no_such_file(const std::string& path) { return "open " + path + ": no such file or directory"; }

}  // namespace

std::string check_printer_format(const std::string& output) {
  static const char* kFormats[] = {"go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json",
                                   "jsonpath-file", "name", "template", "templatefile", "yaml"};
  const std::string format = output.substr(0, output.find('='));
  if (output.empty()) return "";
  for (const char* f : kFormats)
    if (format == f) return "";
  return "unable to match a printer suitable for the output format " + go_quote(output) +
         ", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,"
         "template,templatefile,yaml";
}

// kubectl get's PrintFlags.ToPrinter for the non-table formats, in its order: templates
// (jsonpath, go-template), json/yaml, custom columns, name. "" or the error to print.
std::string make_generic_printer(const std::string& output, const std::string& template_arg, bool no_headers,
                                 bool allow_missing_keys, GenericPrinter& printer) {
  std::string format = output;
  if (!template_arg.empty() && format.empty()) format = "go-template";
  // (format, value) as a template family reads them: "-o F=VALUE", or "-o F --template VALUE".
  auto split_family = [&](const std::vector<std::string>& family, std::string& fmt, std::string& value) {
    fmt = format;
    value.clear();
    if (template_arg.empty()) {
      for (auto& f : family)
        if (format.rfind(f + "=", 0) == 0) {
          fmt = f;
          value = format.substr(f.size() + 1);
          break;
        }
    } else {
      value = template_arg;
    }
    return std::find(family.begin(), family.end(), fmt) != family.end();
  };
  std::string fmt, value;
  if (!format.empty() || !template_arg.empty()) {
    if (split_family({"jsonpath", "jsonpath-file", "jsonpath-as-json"}, fmt, value)) {
      if (value.empty()) return "template format specified but no template given";
      if (fmt == "jsonpath-file") return "error reading --template " + value + ", " + no_such_file(value);
      return make_jsonpath_printer(value, fmt == "jsonpath-as-json", allow_missing_keys, printer);
    }
    if (split_family({"go-template", "go-template-file", "template", "templatefile"}, fmt, value)) {
      if (value.empty()) return "template format specified but no template given";
      if (fmt == "go-template-file" || fmt == "templatefile")
        return "error reading --template " + value + ", " + no_such_file(value);
      return make_go_template_printer(value, allow_missing_keys, printer);
    }
  }
  if (format == "json") {
    printer = [](const nlohmann::json& obj, std::string& out, std::string&) {
      out += api::go_json_indent(obj) + "\n";
      return true;
    };
    return "";
  }
  if (format == "yaml") {
    printer = [](const nlohmann::json& obj, std::string& out, std::string&) {
      out += to_yaml(obj);
      return true;
    };
    return "";
  }
  if (!format.empty() && split_family({"custom-columns", "custom-columns-file"}, fmt, value)) {
    if (value.empty()) return "custom-columns format specified but no custom columns given";
    if (fmt == "custom-columns-file") return "error reading template " + value + ", " + no_such_file(value) + "\n";
    return make_custom_columns_printer(value, no_headers, printer);
  }
  if (format == "name") {
    printer = [](const nlohmann::json& obj, std::string& out, std::string&) {
      print_names(obj, out);
      return true;
    };
    return "";
  }
  return "unable to match a printer suitable for the output format \"" + format +
         "\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,"
         "jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
}

// [SECTION] --watch -------------------------------------------------------------------------------------
// get.go watch(): the current objects (one flush), then the object of every watch event, each
// printed and flushed on its own through the same tabwriter, whose remembered widths only grow
// (a row wider than the ones before widens its columns from there on). Headers once, with the
// first row printed. The watch starts at the list's resourceVersion (no synthetic ADDED events);
// an object named alone is watched the same way. The server filters by selectors: an object
// that starts to match arrives ADDED, one that stops matching DELETED. Checked against kubectl
// v1.34.5 talking to a stand-in API server that streamed those events.
//
// kubesim's clock moves only while a command waits, so the watch runs it: event by event up to
// --request-timeout, else until nothing more is scheduled (or kMaxWatchMs have passed), where a
// person would press Ctrl-C; a note on stderr says so.
constexpr int64_t kMaxWatchMs = 5LL * 60 * 1000;

namespace {

struct WatchSetup {
  const ResourceType* type = nullptr;
  std::string ns;
  bool all_ns = false;
  std::string name;  // an object named alone ("" = the collection)
  LabelSelector labels;
  FieldSelector fields;
  bool events_column = false;  // --output-watch-events
  bool human = true;
  TableOptions table;
  bool names_only = false;
  bool json = false;
  bool yaml = false;
  GenericPrinter printer;  // -o json|yaml|templates|custom-columns
  GenericPrinter event_printer;  // the same for events (custom-columns: without headers)
};

class Watcher final : public store::WriteObserver {
 public:
  Watcher(const Cluster& c, WatchSetup& w) : c_(c), w_(w) {}

  void print(const std::vector<ObjectRef>& objs, const char* event) {
    if (objs.empty()) return;
    if (w_.human) return print_table(objs, event);
    for (ObjectRef o : objs) {
      if (w_.names_only) {
        out_ += kind_prefix(*w_.type) + "/" + object_meta(o).name + "\n";
        continue;
      }
      nlohmann::json obj = json_of(o);
      if (w_.events_column && w_.json) {
        // metav1.WatchEvent is a struct: its JSON has "type" before "object" (YAML sorts them).
        std::string inner = api::go_json_indent(obj), nested;
        for (char ch : inner) nested += ch == '\n' ? std::string("\n    ") : std::string(1, ch);
        out_ += std::string("{\n    \"type\": \"") + event + "\",\n    \"object\": " + nested + "\n}\n";
        continue;
      }
      if (w_.events_column) obj = nlohmann::json{{"type", event}, {"object", std::move(obj)}};
      if (w_.yaml && printed_ > 0) out_ += "---\n";
      std::string perr;
      if (!(printed_ > 0 ? w_.event_printer : w_.printer)(obj, out_, perr) && err_.empty()) err_ = perr;
      ++printed_;
    }
  }
  void note_matching(ObjectRef o) {
    const auto& m = object_meta(o);
    store::Key key{m.namespace_, m.name};
    seen_[key] = api_state(o);
    matching_.insert(std::move(key));
  }
  std::string take() { return std::exchange(out_, {}); }
  const std::string& error() const { return err_; }

  void on_write(store::Kind kind, store::ChangeType type, const store::Key& key) override {
    if (kind != w_.type->kind || !err_.empty()) return;
    if (w_.type->namespaced && !w_.all_ns && key.namespace_ != w_.ns) return;
    if (!w_.name.empty() && key.name != w_.name) return;
    if (const std::optional<ObjectRef> o = find_object(c_.store, *w_.type, key.namespace_, key.name)) handle(type, key, *o);
  }
  void on_event(store::ChangeType type, const api::Event& e) override {
    if (w_.type->kind != store::Kind::Event || !err_.empty()) return;
    if (!w_.all_ns && e.metadata.namespace_ != w_.ns) return;
    if (!w_.name.empty() && e.metadata.name != w_.name) return;
    handle(type, store::Key{e.metadata.namespace_, e.metadata.name}, ObjectRef{store::Kind::Event, &e});
  }

 private:
  void handle(store::ChangeType type, const store::Key& key, ObjectRef obj) {
    const bool match = w_.labels.matches(object_meta(obj).labels) && field_match(obj, w_.fields);
    const bool was = matching_.count(key) > 0;
    const char* event = nullptr;
    if (type == store::ChangeType::Deleted || !match) {
      if (!was) return;
      matching_.erase(key);
      seen_.erase(key);
      event = "DELETED";
    } else {
      // A write that leaves the object as the API serves it unchanged (kubesim's kubelet also
      // writes its own timestamps, and repeats a back-off status) is no write to the API server,
      // which drops such no-op updates: no event.
      const uint64_t state = api_state(obj);
      uint64_t& last = seen_[key];
      if (was && state == last) return;
      last = state;
      event = was ? "MODIFIED" : "ADDED";
      if (!was) matching_.insert(key);
    }
    print({obj}, event);
  }

  // The object as the API serves it, less its resourceVersion, as a 64-bit hash (a watch of
  // 150,000 pods keeps one per pod).
  static uint64_t api_state(ObjectRef o) {
    nlohmann::json j = json_of(o);
    if (auto m = j.find("metadata"); m != j.end() && m->is_object()) m->erase("resourceVersion");
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char ch : j.dump()) h = (h ^ ch) * 1099511628211ULL;
    return h;
  }

  void print_table(const std::vector<ObjectRef>& objs, const char* event) {
    Table t;
    t.columns = table_columns(w_.type->kind);
    for (ObjectRef o : objs) t.rows.push_back(object_table_row(o, c_.now()));
    TableOptions opts = w_.table;
    opts.no_headers = opts.no_headers || printed_headers_;
    std::string text = render_table(t, opts);
    if (text.empty()) return;
    if (w_.events_column) {
      std::string with;
      size_t line = 0;
      for (size_t b = 0; b < text.size(); ++line) {
        const size_t e = text.find('\n', b);
        with += (line == 0 && !opts.no_headers ? "EVENT" : event);
        with += '\t';
        with.append(text, b, e == std::string::npos ? std::string::npos : e + 1 - b);
        b = e == std::string::npos ? text.size() : e + 1;
      }
      text = std::move(with);
    }
    out_ += tabwrite(text, 6, 4, 3, &widths_);
    printed_headers_ = true;
  }

  const Cluster& c_;
  WatchSetup& w_;
  std::string out_, err_;
  std::vector<int> widths_;  // the tabwriter's remembered widths
  bool printed_headers_ = false;
  size_t printed_ = 0;
  std::set<store::Key> matching_;
  std::map<store::Key, uint64_t> seen_;  // each matching object as the API last served it (api_state)
};

// Prints the current objects (unless --watch-only), then runs the clock printing events.
// `sources`: the builder's requests (several names cannot be watched; cli-runtime's Result.Watch
// says so after the objects were printed).
int run_watch(Env& env, WatchSetup& w, const std::vector<ObjectRef>& current, size_t sources, bool watch_only,
              int64_t timeout_ms) {
  Cluster& c = env.cluster;
  Watcher watcher(c, w);
  for (ObjectRef o : current) watcher.note_matching(o);
  if (!watch_only) watcher.print(current, "ADDED");
  env.out.out(watcher.take());
  if (!watcher.error().empty()) return print_error(env, watcher.error());
  if (sources != 1) return print_error(env, "you may only watch a single resource or type of resource at a time");

  return watch_clock(env, watcher, [&] { return watcher.take(); }, [&] { return watcher.error(); }, timeout_ms);
}

}  // namespace

int watch_clock(Env& env, store::WriteObserver& observer, const std::function<std::string()>& take,
                const std::function<std::string()>& error, int64_t timeout_ms) {
  Cluster& c = env.cluster;
  struct Observe {  // the watch ends with this command, however it returns
    store::Store& s;
    Observe(store::Store& st, store::WriteObserver* o) : s(st) { s.set_write_observer(o); }
    ~Observe() { s.set_write_observer(nullptr); }
  } observe(c.store, &observer);
  const bool timed = timeout_ms > 0;
  const int64_t start = c.now();
  const int64_t deadline = start + (timed ? timeout_ms : kMaxWatchMs);
  for (int same_instant = 0; error().empty() && same_instant <= 100000;) {
    const int64_t t = c.next_timer_at();
    if (t < 0 || t > deadline) {
      if (timed) c.run_until(deadline);  // the request lasts its timeout whatever happens
      break;
    }
    const int64_t before = c.now();
    c.run_until(std::max(t, before));
    same_instant = c.now() == before ? same_instant + 1 : 0;
    env.out.out(take());
  }
  env.out.out(take());
  if (!error().empty()) return print_error(env, error());
  if (!timed)
    env.out.err("kubesim: stopped watching after " + go_duration_ms((c.now() - start) / 1000 * 1000) +
                " of simulated time" +
                (c.now() - start < kMaxWatchMs ? ": nothing more is scheduled within " + go_duration_ms(kMaxWatchMs)
                                               : std::string(", kubesim's limit")) +
                " (real kubectl keeps watching until interrupted)\n");
  return 0;
}

// [SECTION] the command ------------------------------------------------------------------------------
int cmd_get(const std::vector<std::string>& args, Env& env) {
  static const std::vector<FlagSpec> kSpecs = {
      {"output", 'o', FlagSpec::String, ""},
      {"template", 0, FlagSpec::String, ""},
      {"selector", 'l', FlagSpec::String, ""},
      {"field-selector", 0, FlagSpec::String, ""},
      {"all-namespaces", 'A', FlagSpec::Bool, "false"},
      {"no-headers", 0, FlagSpec::Bool, "false"},
      {"show-labels", 0, FlagSpec::Bool, "false"},
      {"show-kind", 0, FlagSpec::Bool, "false"},
      {"label-columns", 'L', FlagSpec::StringArray, ""},
      {"sort-by", 0, FlagSpec::String, ""},
      {"watch", 'w', FlagSpec::Bool, "false"},
      {"watch-only", 0, FlagSpec::Bool, "false"},
      {"output-watch-events", 0, FlagSpec::Bool, "false"},
      {"ignore-not-found", 0, FlagSpec::Bool, "false"},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
      {"chunk-size", 0, FlagSpec::Int, "500"},
      {"server-print", 0, FlagSpec::Bool, "true"},
      {"raw", 0, FlagSpec::String, ""},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
      {"subresource", 0, FlagSpec::String, ""},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, kSpecs, "kubectl get", env, flags, status)) return status;

  Cluster& cluster = env.cluster;
  const store::Store& st = cluster.store;
  const int64_t now = cluster.now();
  const std::string ns = namespace_of(flags, env);
  const bool all_ns = flags.get_bool("all-namespaces");
  const std::string output = flags.get("output");
  const std::string template_arg = flags.get("template");
  const std::string sort_by = flags.get("sort-by");
  const bool watch = flags.get_bool("watch") || flags.get_bool("watch-only");
  const bool ignore_not_found = flags.get_bool("ignore-not-found");
  const bool no_headers = flags.get_bool("no-headers");
  const bool allow_missing_keys = !flags.has("allow-missing-template-keys") || flags.get_bool("allow-missing-template-keys");
  const bool human = (output.empty() && template_arg.empty()) || output == "wide";
  const std::vector<std::string>& positional = flags.positional;

  if (flags.has("filename"))  // no file exists on kubesim's machine
    return print_error(env, "the path " + go_quote(split_csv(flags.values.at("filename").front()).front()) + " does not exist");
  if (flags.has("kustomize") || flags.has("raw"))
    return print_error(env, "kubesim: `kubectl get` reads objects from the cluster only (-f, -k and --raw are not simulated)");

  // [Complete] no resource named at all
  if (positional.empty() && !watch) {
    env.out.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
                "supported resources.\n\n");
    return usage_error(env, "kubectl get",
                       "Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description "
                       "of that resource (e.g. kubectl explain pods).");
  }
  if (watch && !sort_by.empty()) env.out.err("warning: --watch or --watch-only requested, --sort-by will be ignored\n");

  // [Validate]
  if (flags.get_bool("show-labels") && !output.empty() && output != "wide")
    return print_error(env, "--show-labels option cannot be used with " + output + " printer");
  if (flags.get_bool("output-watch-events") && !watch)
    return usage_error(env, "kubectl get", "--output-watch-events option can only be used with --watch or --watch-only");

  // [Run] the builder
  if (positional.empty()) return print_error(env, missing_resource_text());
  const std::string label_text = trim_copy(flags.get("selector"));
  const std::string field_text = trim_copy(flags.get("field-selector"));
  ResourceRequests plan;
  if (std::string e = parse_resource_args(positional, !label_text.empty() || !field_text.empty(), all_ns, plan);
      !e.empty())
    return print_error(env, e);
  if (watch) {
    std::set<const ResourceType*> kinds;
    for (auto& r : plan.requests) kinds.insert(r.type);
    if (kinds.size() > 1) return print_error(env, "you may only specify a single resource type");
  }

  LabelSelector label_sel;
  FieldSelector field_sel;
  const std::string label_err = parse_label_selector(label_text, label_sel);
  const std::string field_err = label_err.empty() ? parse_field_selector(field_text, field_sel) : "";

  std::vector<Info> infos;
  std::vector<std::string> errors;  // full stderr lines, in order
  for (auto& req : plan.requests) {
    const ResourceType& rt = *req.type;
    if (req.is_list) {
      std::string detail = !label_err.empty() ? label_err : field_err;
      if (detail.empty()) detail = check_field_selector(rt.kind, field_sel);
      if (!detail.empty()) {
        errors.push_back(selector_error(rt, label_text, field_text, detail));
        continue;
      }
      Info info{&rt, {}};
      for (ObjectRef o : list_objects(st, rt, ns, all_ns)) {
        if (!label_sel.matches(object_meta(o).labels)) continue;
        if (!field_match(o, field_sel)) continue;
        info.objects.push_back(o);
      }
      infos.push_back(std::move(info));
    } else if (auto o = find_object(st, rt, ns, req.name)) {
      infos.push_back(Info{&rt, {*o}});
    } else if (!ignore_not_found) {
      errors.push_back("Error from server (NotFound): " + rt.qualified_plural() + " \"" + req.name + "\" not found");
    }
  }

  // cmdutil.CheckErr: one error gets "error: " unless the API server worded it; several are
  // printed one per line as they are.
  auto finish = [&](int rc) {
    for (auto& e : errors) {
      std::string line = e;
      if (errors.size() == 1 && line.rfind("Error from server", 0) != 0 && line.rfind("error: ", 0) != 0)
        line = "error: " + line;
      if (line.empty() || line.back() != '\n') line += "\n";
      env.out.err(line);
    }
    return errors.empty() ? rc : 1;
  };

  // [watch]
  if (watch) {
    if (!errors.empty()) return finish(1);  // the builder failed: nothing is printed
    WatchSetup w;
    w.type = plan.requests.front().type;  // one type (checked above)
    w.ns = ns;
    w.all_ns = all_ns;
    if (plan.requests.size() == 1 && !plan.requests.front().is_list) w.name = plan.requests.front().name;
    w.labels = label_sel;
    w.fields = field_sel;
    w.events_column = flags.get_bool("output-watch-events");
    w.human = human;
    w.table.wide = output == "wide";
    w.table.no_headers = no_headers;
    w.table.show_labels = flags.get_bool("show-labels");
    w.table.label_columns = label_columns(flags);
    w.table.with_namespace = all_ns && w.type->namespaced;
    if (!human) {
      w.names_only = output == "name" && template_arg.empty();
      w.json = output == "json" && template_arg.empty();
      w.yaml = output == "yaml" && template_arg.empty();
      if (std::string e = make_generic_printer(output, template_arg, no_headers, allow_missing_keys, w.printer); !e.empty())
        return print_error(env, e);
      make_generic_printer(output, template_arg, true, allow_missing_keys, w.event_printer);
    }
    std::vector<ObjectRef> current;
    for (auto& info : infos) current.insert(current.end(), info.objects.begin(), info.objects.end());
    const std::optional<int64_t> timeout = request_timeout_ms(flags.get("request-timeout"));  // valid (checked)
    return run_watch(env, w, current, plan.requests.size(), flags.get_bool("watch-only"), timeout.value_or(0));
  }

  // [printGeneric] json, yaml, name, templates, custom columns
  if (!human) {
    std::vector<ObjectRef> refs;
    for (auto& info : infos) refs.insert(refs.end(), info.objects.begin(), info.objects.end());
    if (plan.single_item_implied && !errors.empty()) return finish(1);  // the one named object is missing
    if (refs.empty() && ignore_not_found) return finish(0);
    GenericPrinter printer;
    if (std::string e = make_generic_printer(output, template_arg, no_headers, allow_missing_keys, printer); !e.empty())
      return print_error(env, e);  // (errors collected so far are dropped, as kubectl returns here)
    const bool single = plan.single_item_implied && refs.size() == 1;
    // -o name needs no JSON (which costs more than everything else for large lists) unless sorting.
    const bool names_only = output == "name" && template_arg.empty() && sort_by.empty();
    if (!names_only && refs.size() > kMaxGenericObjects)
      return print_error(env, "kubesim: printing " + std::to_string(refs.size()) + " objects with -o " +
                                  (output.empty() ? "go-template" : output.substr(0, output.find('='))) +
                                  " would not fit in a terminal; select at most " + std::to_string(kMaxGenericObjects) +
                                  " with a namespace, -l or --field-selector");
    std::vector<nlohmann::json> items;
    if (!names_only)
      for (ObjectRef o : refs) items.push_back(json_of(o));
    if (!sort_by.empty() && !watch && !single) {  // SortingPrinter: the whole list at print time
      std::vector<size_t> order;
      if (std::string e = sort_order(items.size(), [&](size_t i) { return items[i]; }, sort_by, false, order); !e.empty()) {
        errors.push_back(e);
        return finish(1);
      }
      std::vector<nlohmann::json> sorted;
      for (size_t i : order) sorted.push_back(std::move(items[i]));
      items = std::move(sorted);
    }
    std::string text, perr;
    bool ok = true;
    if (names_only) {
      for (ObjectRef o : refs)
        text += kind_prefix(*resolve_resource(store::kind_name(o.kind))) + "/" + object_meta(o).name + "\n";
    } else {
      nlohmann::json obj = single ? std::move(items[0]) : api::to_json_list(std::move(items));
      ok = printer(obj, text, perr);
    }
    env.out.out(text);
    if (!ok) errors.push_back(perr);
    return finish(0);
  }

  // --sort-by: the rows of each table ordered by a JSONPath value of their objects
  if (!sort_by.empty() && !watch) {
    for (auto& info : infos) {
      std::vector<size_t> order;
      auto item = [&](size_t i) { return json_of(info.objects[i]); };
      if (std::string e = sort_order(info.objects.size(), item, sort_by, true, order); !e.empty())
        return print_error(env, e);
      std::vector<ObjectRef> sorted;
      for (size_t i : order) sorted.push_back(info.objects[i]);
      info.objects = std::move(sorted);
    }
  }

  // [Run] tables
  bool with_kind = flags.get_bool("show-kind");
  for (size_t i = 1; i < infos.size(); ++i)
    if (infos[i].type != infos[0].type) with_kind = true;
  TableOptions base;
  base.wide = output == "wide";
  base.no_headers = no_headers;
  base.show_labels = flags.get_bool("show-labels");
  base.label_columns = label_columns(flags);
  std::string text;
  bool written = false;
  bool all_namespaced = !all_ns;
  for (size_t i = 0; i < infos.size();) {
    size_t j = i;
    Table table;
    table.columns = table_columns(infos[i].type->kind);
    while (j < infos.size() && infos[j].type == infos[i].type) {
      all_namespaced = all_namespaced && infos[j].type->namespaced;
      for (ObjectRef o : infos[j].objects) table.rows.push_back(object_table_row(o, now));
      ++j;
    }
    TableOptions opts = base;
    opts.with_namespace = all_ns && infos[i].type->namespaced;
    if (with_kind) opts.kind_prefix = kind_prefix(*infos[i].type);
    std::string part = tabwrite_get(render_table(table, opts));
    if (!part.empty()) {
      if (written && !no_headers) text += "\n";
      text += part;
      written = true;
    }
    i = j;
  }
  if (!flags.get_bool("watch-only")) env.out.out(text);  // --watch-only skips the current state
  if (!written && !ignore_not_found && errors.empty() && !watch) {
    if (all_namespaced) env.out.err("No resources found in " + ns + " namespace.\n");
    else env.out.err("No resources found\n");
  }
  return finish(0);
}

}  // namespace kubesim::kubectl
