// kubesim — label and field selectors (see selectors.h). The grammar, the token rules and the
// error texts follow apimachinery's labels/selector.go, fields/selector.go and
// util/validation/validation.go; the field sets per kind follow the API server's field label
// conversion functions (pkg/apis/core/v1/conversion.go, pkg/apis/apps/v1/conversion.go).
#include "kubectl/selectors.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "kubectl/resources.h"

namespace kubesim::kubectl {

// [SECTION] validation messages (apimachinery util/validation) -----------------------------------
namespace {

constexpr std::string_view kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view kQualifiedNameErrMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
constexpr std::string_view kLabelValueErrMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
    "and end with an alphanumeric character";
constexpr std::string_view kDns1123SubdomainErrMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    "and end with an alphanumeric character";
constexpr std::string_view kDns1123SubdomainFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

// validation.RegexError: msg + " (e.g. 'a',  or 'b', regex used for validation is '...')".
std::string regex_error(std::string_view msg, std::string_view fmt, std::vector<std::string_view> examples) {
  std::string s(msg);
  if (examples.empty()) return s + " (regex used for validation is '" + std::string(fmt) + "')";
  s += " (e.g. ";
  for (size_t i = 0; i < examples.size(); ++i) {
    if (i > 0) s += " or ";
    s += "'" + std::string(examples[i]) + "', ";
  }
  s += "regex used for validation is '" + std::string(fmt) + "')";
  return s;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// ^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$
bool matches_qualified_name(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  for (char c : s)
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

// ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$
bool matches_dns1123_subdomain(std::string_view s) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || !is_lower_alnum(part.front()) || !is_lower_alnum(part.back())) return false;
    for (char c : part)
      if (!is_lower_alnum(c) && c != '-') return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string max_len_error(int n) { return "must be no more than " + std::to_string(n) + " characters"; }

// Go's %q for plain strings (enough for label keys/values typed on a command line).
std::string go_quote(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

// field.Invalid(path, value, detail).Error()
std::string field_invalid(std::string_view path, std::string_view value, std::string_view detail) {
  return std::string(path) + ": Invalid value: " + go_quote(value) + ": " + std::string(detail);
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}

// utilerrors aggregate: one message as is, several (de-duplicated) as "[a, b]".
std::string aggregate(const std::vector<std::string>& errs) {
  std::vector<std::string> seen;
  for (auto& e : errs)
    if (std::find(seen.begin(), seen.end(), e) == seen.end()) seen.push_back(e);
  if (seen.size() == 1) return seen[0];
  return "[" + join(seen, ", ") + "]";
}

std::optional<int64_t> parse_int64(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::vector<std::string> label_key_errors(std::string_view value) {
  std::vector<std::string> errs;
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t slash = value.find('/', start);
    parts.push_back(value.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  std::string_view name;
  if (parts.size() == 1) {
    name = parts[0];
  } else if (parts.size() == 2) {
    std::string_view prefix = parts[0];
    name = parts[1];
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      if (prefix.size() > 253) errs.push_back("prefix part " + max_len_error(253));
      if (!matches_dns1123_subdomain(prefix))
        errs.push_back("prefix part " + regex_error(kDns1123SubdomainErrMsg, kDns1123SubdomainFmt, {"example.com"}));
    }
  } else {
    errs.push_back("a qualified name " + regex_error(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}) +
                   " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    return errs;
  }
  if (name.empty()) errs.push_back("name part must be non-empty");
  else if (name.size() > 63) errs.push_back("name part " + max_len_error(63));
  if (!matches_qualified_name(name))
    errs.push_back("name part " + regex_error(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"}));
  return errs;
}

std::vector<std::string> label_value_errors(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > 63) errs.push_back(max_len_error(63));
  if (!value.empty() && !matches_qualified_name(value))
    errs.push_back(regex_error(kLabelValueErrMsg, "(" + std::string(kQualifiedNameFmt) + ")?", {"MyValue", "my_value", "12345"}));
  return errs;
}

// [SECTION] label selector: lexer ----------------------------------------------------------------
namespace {

enum class Tok { Error, End, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan,
                 NotEquals, NotIn, OpenPar };

std::optional<Tok> keyword(std::string_view s) {
  static const std::map<std::string_view, Tok> k = {
      {")", Tok::ClosedPar}, {",", Tok::Comma},  {"!", Tok::DoesNotExist}, {"==", Tok::DoubleEquals},
      {"=", Tok::Equals},    {">", Tok::GreaterThan}, {"in", Tok::In},      {"<", Tok::LessThan},
      {"!=", Tok::NotEquals}, {"notin", Tok::NotIn}, {"(", Tok::OpenPar}};
  auto it = k.find(s);
  if (it == k.end()) return std::nullopt;
  return it->second;
}

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_special(char c) { return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<'; }

struct Item {
  Tok tok;
  std::string lit;
};

std::vector<Item> lex_all(std::string_view s) {
  std::vector<Item> items;
  size_t pos = 0;
  while (true) {
    while (pos < s.size() && is_ws(s[pos])) ++pos;
    if (pos >= s.size()) { items.push_back({Tok::End, ""}); break; }
    if (is_special(s[pos])) {
      // Longest run of special symbols that still forms a token ("!=", "==", ...).
      std::string buf;
      std::optional<Item> last;
      while (pos < s.size() && is_special(s[pos])) {
        buf += s[pos];
        if (auto t = keyword(buf)) {
          last = Item{*t, buf};
          ++pos;
        } else if (last) {
          break;  // the symbol is not consumed
        } else {
          ++pos;
        }
      }
      if (!last) items.push_back({Tok::Error, "error expected: keyword found '" + buf + "'"});
      else items.push_back(*last);
      continue;
    }
    std::string buf;
    while (pos < s.size() && !is_special(s[pos]) && !is_ws(s[pos])) buf += s[pos++];
    auto t = keyword(buf);
    items.push_back({t ? *t : Tok::Identifier, buf});
  }
  return items;
}

class LabelParser {
 public:
  explicit LabelParser(std::string_view text) : items_(lex_all(text)) {}

  std::string parse(std::vector<LabelRequirement>& out) {
    while (true) {
      auto [tok, lit] = lookahead(true);
      if (tok == Tok::Identifier || tok == Tok::DoesNotExist) {
        LabelRequirement r;
        if (std::string e = parse_requirement(r); !e.empty()) return "unable to parse requirement: " + e;
        out.push_back(std::move(r));
        auto [t, l] = consume(true);
        if (t == Tok::End) return "";
        if (t == Tok::Comma) {
          auto [t2, l2] = lookahead(true);
          if (t2 != Tok::Identifier && t2 != Tok::DoesNotExist) return "found '" + l2 + "', expected: identifier after ','";
        } else {
          return "found '" + l + "', expected: ',' or 'end of string'";
        }
      } else if (tok == Tok::End) {
        return "";
      } else {
        return "found '" + lit + "', expected: !, identifier, or 'end of string'";
      }
    }
  }

 private:
  // In the "values" context the keywords in/notin are plain identifiers.
  std::pair<Tok, std::string> lookahead(bool values) const {
    const Item& it = items_[std::min(pos_, items_.size() - 1)];
    Tok t = it.tok;
    if (values && (t == Tok::In || t == Tok::NotIn)) t = Tok::Identifier;
    return {t, it.lit};
  }
  std::pair<Tok, std::string> consume(bool values) {
    auto r = lookahead(values);
    if (pos_ < items_.size() - 1) ++pos_;
    else pos_ = items_.size() - 1;  // End stays the last item
    return r;
  }

  std::string parse_requirement(LabelRequirement& r) {
    using Op = LabelRequirement::Op;
    // key and inferred operator
    bool not_exists = false;
    auto [tok, lit] = consume(true);
    if (tok == Tok::DoesNotExist) {
      not_exists = true;
      std::tie(tok, lit) = consume(true);
    }
    if (tok != Tok::Identifier) return "found '" + lit + "', expected: identifier";
    if (auto errs = label_key_errors(lit); !errs.empty()) return field_invalid("<nil>", lit, join(errs, "; "));
    r.key = lit;
    // "!key" is complete by itself (in "!key=v" the "=" is then reported by the caller, as upstream).
    if (not_exists) { r.op = Op::DoesNotExist; return ""; }
    if (auto next = lookahead(true).first; next == Tok::End || next == Tok::Comma) { r.op = Op::Exists; return ""; }
    // binary operator
    auto [otok, olit] = consume(false);
    switch (otok) {
      case Tok::In: r.op = Op::In; break;
      case Tok::Equals: r.op = Op::Equals; break;
      case Tok::DoubleEquals: r.op = Op::DoubleEquals; break;
      case Tok::GreaterThan: r.op = Op::GreaterThan; break;
      case Tok::LessThan: r.op = Op::LessThan; break;
      case Tok::NotIn: r.op = Op::NotIn; break;
      case Tok::NotEquals: r.op = Op::NotEquals; break;
      default: return "found '" + olit + "', expected: in, notin, =, ==, !=, gt, lt";
    }
    std::set<std::string> values;
    if (r.op == Op::In || r.op == Op::NotIn) {
      if (std::string e = parse_values(values); !e.empty()) return e;
    } else {
      auto [vt, vl] = lookahead(true);
      if (vt == Tok::End || vt == Tok::Comma) {
        values.insert("");
      } else {
        auto [ct, cl] = consume(true);
        if (ct != Tok::Identifier) return "found '" + cl + "', expected: identifier";
        values.insert(cl);
      }
    }
    r.values.assign(values.begin(), values.end());
    return new_requirement_errors(r);
  }

  std::string parse_values(std::set<std::string>& s) {
    auto [tok, lit] = consume(true);
    if (tok != Tok::OpenPar) return "found '" + lit + "' expected: '('";
    std::tie(tok, lit) = lookahead(true);
    if (tok == Tok::Identifier || tok == Tok::Comma) {
      if (std::string e = parse_identifiers(s); !e.empty()) return e;
      if (consume(true).first != Tok::ClosedPar) return "found '" + lit + "', expected: ')'";
      return "";
    }
    if (tok == Tok::ClosedPar) {
      consume(true);
      s.insert("");
      return "";
    }
    return "found '" + lit + "', expected: ',', ')' or identifier";
  }

  std::string parse_identifiers(std::set<std::string>& s) {
    while (true) {
      auto [tok, lit] = consume(true);
      if (tok == Tok::Identifier) {
        s.insert(lit);
        auto [t2, l2] = lookahead(true);
        if (t2 == Tok::Comma) continue;
        if (t2 == Tok::ClosedPar) return "";
        return "found '" + l2 + "', expected: ',' or ')'";
      }
      if (tok == Tok::Comma) {
        if (s.empty()) s.insert("");
        auto t2 = lookahead(true).first;
        if (t2 == Tok::ClosedPar) { s.insert(""); return ""; }
        if (t2 == Tok::Comma) s.insert("");
        continue;
      }
      return "found '" + lit + "', expected: ',', or identifier";
    }
  }

  // labels.NewRequirement's checks (the key was validated already).
  static std::string new_requirement_errors(const LabelRequirement& r) {
    using Op = LabelRequirement::Op;
    std::vector<std::string> errs;
    if (r.op == Op::GreaterThan || r.op == Op::LessThan) {
      for (size_t i = 0; i < r.values.size(); ++i)
        if (!parse_int64(r.values[i]))
          errs.push_back(field_invalid("values[" + std::to_string(i) + "]", r.values[i],
                                       "for 'Gt', 'Lt' operators, the value must be an integer"));
    }
    for (size_t i = 0; i < r.values.size(); ++i)
      if (auto ve = label_value_errors(r.values[i]); !ve.empty())
        errs.push_back(field_invalid("values[" + std::to_string(i) + "][" + r.key + "]", r.values[i], join(ve, "; ")));
    return errs.empty() ? "" : aggregate(errs);
  }

  std::vector<Item> items_;
  size_t pos_ = 0;
};

}  // namespace

std::string parse_label_selector(std::string_view text, LabelSelector& out) {
  out.requirements.clear();
  LabelParser p(text);
  std::vector<LabelRequirement> reqs;
  if (std::string e = p.parse(reqs); !e.empty()) return e;
  std::stable_sort(reqs.begin(), reqs.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  out.requirements = std::move(reqs);
  return "";
}

bool LabelRequirement::matches(const api::Labels& labels) const {
  auto it = labels.find(key);
  const bool has = it != labels.end();
  auto has_value = [&](const std::string& v) { return std::find(values.begin(), values.end(), v) != values.end(); };
  switch (op) {
    case Op::In:
    case Op::Equals:
    case Op::DoubleEquals: return has && has_value(it->second);
    case Op::NotIn:
    case Op::NotEquals: return !has || !has_value(it->second);
    case Op::Exists: return has;
    case Op::DoesNotExist: return !has;
    case Op::GreaterThan:
    case Op::LessThan: {
      if (!has || values.size() != 1) return false;
      auto lv = parse_int64(it->second);
      auto rv = parse_int64(values[0]);
      if (!lv || !rv) return false;
      return op == Op::GreaterThan ? *lv > *rv : *lv < *rv;
    }
  }
  return false;
}

std::string LabelRequirement::str() const {
  std::string s = op == Op::DoesNotExist ? "!" + key : key;
  switch (op) {
    case Op::Exists:
    case Op::DoesNotExist: return s;
    case Op::Equals: s += "="; break;
    case Op::DoubleEquals: s += "=="; break;
    case Op::NotEquals: s += "!="; break;
    case Op::In: s += " in ("; break;
    case Op::NotIn: s += " notin ("; break;
    case Op::GreaterThan: s += ">"; break;
    case Op::LessThan: s += "<"; break;
  }
  s += join(values, ",");
  if (op == Op::In || op == Op::NotIn) s += ")";
  return s;
}

bool LabelSelector::matches(const api::Labels& labels) const {
  for (auto& r : requirements)
    if (!r.matches(labels)) return false;
  return true;
}

std::string LabelSelector::str() const {
  std::vector<std::string> parts;
  for (auto& r : requirements) parts.push_back(r.str());
  return join(parts, ",");
}

// [SECTION] field selector -----------------------------------------------------------------------
std::string parse_field_selector(std::string_view text, FieldSelector& out) {
  out.terms.clear();
  if (text.empty()) return "";
  // split on unescaped commas
  std::vector<std::string> parts;
  size_t start = 0;
  bool in_slash = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_slash) in_slash = false;
    else if (c == '\\') in_slash = true;
    else if (c == ',') { parts.emplace_back(text.substr(start, i - start)); start = i + 1; }
  }
  parts.emplace_back(text.substr(start));
  std::sort(parts.begin(), parts.end());
  const std::string whole(text);
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    size_t op_at = std::string::npos, op_len = 0;
    bool negate = false;
    for (size_t i = 0; i < part.size() && op_at == std::string::npos; ++i) {
      std::string_view rest = std::string_view(part).substr(i);
      if (rest.starts_with("!=")) { op_at = i; op_len = 2; negate = true; }
      else if (rest.starts_with("==")) { op_at = i; op_len = 2; }
      else if (rest.starts_with("=")) { op_at = i; op_len = 1; }
    }
    if (op_at == std::string::npos) return "invalid selector: '" + whole + "'; can't understand '" + part + "'";
    // UnescapeValue
    std::string raw = part.substr(op_at + op_len), value;
    bool slash = false;
    for (char c : raw) {
      if (slash) {
        if (c == '\\' || c == ',' || c == '=') value += c;
        else return std::string("invalid field selector: invalid escape sequence: \\") + c;
        slash = false;
        continue;
      }
      if (c == '\\') slash = true;
      else if (c == ',' || c == '=') return "invalid field selector: unescaped character in value: " + std::to_string(static_cast<int>(c));
      else value += c;
    }
    if (slash) return "invalid field selector: invalid escape sequence: \\";
    out.terms.push_back(FieldRequirement{part.substr(0, op_at), negate, value});
  }
  return "";
}

namespace {

// The field labels each kind accepts (its conversion function), or empty = the generic
// metadata.name / metadata.namespace rule.
const std::vector<std::string>* kind_field_labels(store::Kind kind) {
  using K = store::Kind;
  static const std::vector<std::string> pod = {"metadata.name", "metadata.namespace", "spec.nodeName",
                                               "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                                               "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
                                               "status.nominatedNodeName", "spec.host"};
  static const std::vector<std::string> node = {"metadata.name", "spec.unschedulable"};
  static const std::vector<std::string> ns = {"status.phase", "metadata.name"};
  static const std::vector<std::string> event = {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                                                 "involvedObject.uid", "involvedObject.apiVersion",
                                                 "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                                                 "reportingComponent", "source", "type", "metadata.namespace",
                                                 "metadata.name"};
  static const std::vector<std::string> rs = {"metadata.name", "metadata.namespace", "status.replicas"};
  switch (kind) {
    case K::Pod: return &pod;
    case K::Node: return &node;
    case K::Namespace: return &ns;
    case K::Event: return &event;
    case K::ReplicaSet: return &rs;
    default: return nullptr;
  }
}

using Fields = std::map<std::string, std::string>;

bool fields_match(const Fields& f, const FieldSelector& sel) {
  for (auto& t : sel.terms) {
    std::string field = t.field == "spec.host" ? "spec.nodeName" : t.field;
    auto it = f.find(field);
    const std::string v = it == f.end() ? "" : it->second;
    if ((v == t.value) == t.negate) return false;
  }
  return true;
}

Fields meta_fields(const api::ObjectMeta& m) { return {{"metadata.name", m.name}, {"metadata.namespace", m.namespace_}}; }

}  // namespace

std::string check_field_selector(store::Kind kind, const FieldSelector& sel) {
  const auto* labels = kind_field_labels(kind);
  for (auto& t : sel.terms) {
    if (labels) {
      if (std::find(labels->begin(), labels->end(), t.field) == labels->end()) return "field label not supported: " + t.field;
    } else if (t.field != "metadata.name" && t.field != "metadata.namespace") {
      return "\"" + t.field + "\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
    }
  }
  return "";
}

bool field_selector_matches(const api::Pod& o, const FieldSelector& sel) {
  if (sel.empty()) return true;
  Fields f = meta_fields(o.metadata);
  f["spec.nodeName"] = o.spec.node_name;
  f["spec.restartPolicy"] = o.spec.restart_policy;
  f["spec.schedulerName"] = o.spec.scheduler_name;
  f["spec.serviceAccountName"] = o.spec.service_account_name;
  f["spec.hostNetwork"] = "false";
  f["status.phase"] = o.status.phase;
  f["status.podIP"] = o.status.pod_ip;
  f["status.podIPs"] = o.status.pod_ip;
  f["status.nominatedNodeName"] = "";
  return fields_match(f, sel);
}
bool field_selector_matches(const api::ReplicaSet& o, const FieldSelector& sel) {
  if (sel.empty()) return true;
  Fields f = meta_fields(o.metadata);
  f["status.replicas"] = std::to_string(o.status.replicas);
  return fields_match(f, sel);
}
bool field_selector_matches(const api::Deployment& o, const FieldSelector& sel) {
  return sel.empty() || fields_match(meta_fields(o.metadata), sel);
}
bool field_selector_matches(const api::Service& o, const FieldSelector& sel) {
  return sel.empty() || fields_match(meta_fields(o.metadata), sel);
}
bool field_selector_matches(const api::Endpoints& o, const FieldSelector& sel) {
  return sel.empty() || fields_match(meta_fields(o.metadata), sel);
}
bool field_selector_matches(const api::Node& o, const FieldSelector& sel) {
  if (sel.empty()) return true;
  Fields f = meta_fields(o.metadata);
  f["spec.unschedulable"] = o.spec.unschedulable ? "true" : "false";
  return fields_match(f, sel);
}
bool field_selector_matches(const api::Namespace& o, const FieldSelector& sel) {
  if (sel.empty()) return true;
  Fields f = meta_fields(o.metadata);
  f["status.phase"] = o.phase;
  return fields_match(f, sel);
}
bool field_selector_matches(const api::Event& o, const FieldSelector& sel) {
  if (sel.empty()) return true;
  Fields f = meta_fields(o.metadata);
  f["involvedObject.kind"] = o.involved_object.kind;
  f["involvedObject.namespace"] = o.involved_object.namespace_;
  f["involvedObject.name"] = o.involved_object.name;
  f["involvedObject.uid"] = o.involved_object.uid;
  f["involvedObject.apiVersion"] = o.involved_object.api_version;
  f["involvedObject.resourceVersion"] = o.involved_object.resource_version;
  f["involvedObject.fieldPath"] = o.involved_object.field_path;
  f["reason"] = o.reason;
  f["reportingComponent"] = o.reporting_component;
  f["source"] = o.source_component;
  f["type"] = o.type;
  return fields_match(f, sel);
}

// [SECTION] errors -------------------------------------------------------------------------------
std::string group_version_resource(const ResourceType& rt) {
  return rt.group + "/" + rt.version + ", Resource=" + rt.plural;
}

std::string selector_error(const ResourceType& rt, std::string_view label_selector, std::string_view field_selector,
                           std::string_view detail) {
  return "Error from server (BadRequest): Unable to find \"" + group_version_resource(rt) + "\" that match label selector " +
         go_quote(label_selector) + ", field selector " + go_quote(field_selector) + ": " + std::string(detail);
}

}  // namespace kubesim::kubectl
