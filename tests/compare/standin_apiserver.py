#!/usr/bin/env python3
"""A stand-in API server for watching what a real kubectl does with server answers kubesim makes.

Usage: python3 tests/compare/standin_apiserver.py SCENARIO.json [PORT]   (default port 18080)
then, in another terminal:
  KUBECONFIG=<printed path> kubectl get pods -w --request-timeout=5s

It answers discovery for the core group (pods only), a pod list as the server-side Table kubectl
asks for (`as=Table`), a single pod, and a watch: a chunked stream of the scenario's events, each a
one-row Table (column definitions only in the first, as the real API server sends them), then the
stream ends. Every request line goes to stderr, so the resourceVersion and field selector kubectl
watches from are visible. This is how kubesim's `get --watch` rules were checked against kubectl
v1.34.5 (list resourceVersion, no synthetic rows, remembered column widths, headers with the
first row, the EVENT column, exit status at --request-timeout). Not part of the test suite.

It also serves the namespace's core/v1 Events (`eventlist`), as an EventList for `kubectl events`
and as a Table with the objects included for `kubectl get events --sort-by=…`: how kubectl orders
events that tie (Go's sort.Sort is not stable) was checked this way.

SCENARIO.json:
  {"pods": [["web-a", "1/1", "Running", "0", "5m"], ...],          # the list (cells)
   "events": [["ADDED", ["web-c", "0/1", "Pending", "0", "0s"]], ...],  # the watch stream
   "eventlist": [{"name": "e00", "lastTimestamp": "2026-01-01T00:00:05Z", "count": 1}, ...]}
   (an event's message is its name; a key left out of an entry is left out of the Event; an entry
   with "metadata" is a whole Event, served as it is)
"""
import json, os, sys, tempfile, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COLUMNS = [{"name": n, "type": "string", "format": "name" if n == "Name" else "", "description": "", "priority": p}
           for n, p in [("Name", 0), ("Ready", 0), ("Status", 0), ("Restarts", 0), ("Age", 0), ("IP", 1)]]


def row(cells, rv):
    meta = {"name": cells[0], "namespace": "default", "resourceVersion": str(rv),
            "creationTimestamp": "2026-01-01T00:00:00Z"}
    cells = list(cells) + (["10.244.0.9"] if len(cells) == 5 else [])  # the IP column (-o wide)
    return {"cells": cells,
            "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": meta}}


def event_object(i, e):
    if "metadata" in e:  # a whole Event (say, from `kubesim`'s `kubectl get events -o json`), served as it is
        return {k: v for k, v in e.items() if k not in ("kind", "apiVersion")}
    ev = {"metadata": {"name": e["name"], "namespace": "default", "uid": "00000000-0000-0000-0000-%012d" % i,
                       "resourceVersion": "300", "creationTimestamp": e.get("lastTimestamp", "2026-01-01T00:00:00Z")},
          "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web", "apiVersion": "v1"},
          "reason": "Started", "message": e["name"], "source": {"component": "kubelet", "host": "minikube"},
          "type": "Normal", "eventTime": None, "reportingComponent": "kubelet", "reportingInstance": "minikube"}
    for k in ("firstTimestamp", "lastTimestamp", "count"):
        if k in e:
            ev[k] = e[k]
    return ev


EVENT_COLUMNS = [{"name": n, "type": "string", "format": "", "description": "", "priority": 0}
                 for n in ("Last Seen", "Type", "Reason", "Object", "Message")]


def serve(scenario, port):
    pods, events = scenario.get("pods", []), scenario.get("events", [])
    eventlist = [event_object(i, e) for i, e in enumerate(scenario.get("eventlist", []))]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, obj, code=200):
            body = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def stream(self, watch_events, pause=0.0):
            """A chunked watch stream of (type, object) pairs, `pause` seconds apart, then its end."""
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for kind, obj in watch_events:
                chunk = (json.dumps({"type": kind, "object": obj}) + "\n").encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
                time.sleep(pause)
            time.sleep(0.5)
            self.wfile.write(b"0\r\n\r\n")

        def stream_pods(self):  # each pod change as a one-row Table (column definitions only in the first)
            self.stream([(kind, {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": str(200 + i)},
                                 "columnDefinitions": COLUMNS if i == 0 else None, "rows": [row(cells, 200 + i)]})
                         for i, (kind, cells) in enumerate(events)], pause=0.1)

        def stream_events(self):  # the event list as ADDED events
            self.stream([("ADDED", dict(e, kind="Event", apiVersion="v1")) for e in eventlist])

        def do_GET(self):
            print(self.path, file=sys.stderr, flush=True)
            path, _, query = self.path.partition("?")
            if path == "/api":
                return self.reply({"kind": "APIVersions", "versions": ["v1"],
                                   "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
            if path == "/apis":
                return self.reply({"kind": "APIGroupList", "apiVersion": "v1", "groups": []})
            if path == "/api/v1":
                return self.reply({"kind": "APIResourceList", "groupVersion": "v1", "resources": [
                    {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
                     "verbs": ["get", "list", "watch"], "shortNames": ["po"], "categories": ["all"]},
                    {"name": "events", "singularName": "event", "namespaced": True, "kind": "Event",
                     "verbs": ["get", "list", "watch"], "shortNames": ["ev"]}]})
            if path == "/api/v1/namespaces/default/events" and "watch=true" in query:
                return self.stream_events()
            if path == "/api/v1/namespaces/default/events":
                if "as=Table" in self.headers.get("Accept", ""):
                    rows = [{"cells": ["5s", e["type"], e["reason"], "pod/web", e["message"]], "object": dict(e, kind="Event", apiVersion="v1")}
                            for e in eventlist]
                    return self.reply({"kind": "Table", "apiVersion": "meta.k8s.io/v1",
                                       "metadata": {"resourceVersion": "400"}, "columnDefinitions": EVENT_COLUMNS, "rows": rows})
                return self.reply({"kind": "EventList", "apiVersion": "v1", "metadata": {"resourceVersion": "400"},
                                   "items": eventlist})
            prefix = "/api/v1/namespaces/default/pods"
            if path.startswith(prefix):
                if "watch=true" in query:
                    return self.stream_pods()
                name = path[len(prefix) + 1:]
                rows = [row(p, 100 + i) for i, p in enumerate(pods) if not name or p[0] == name]
                if name and not rows:
                    return self.reply({"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound",
                                       "message": 'pods "%s" not found' % name, "code": 404,
                                       "details": {"name": name, "kind": "pods"}}, 404)
                return self.reply({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "150"},
                                   "columnDefinitions": COLUMNS, "rows": rows})
            self.reply({"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404}, 404)

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    scenario = json.load(open(sys.argv[1]))
    port = int(sys.argv[2]) if len(sys.argv) == 3 else 18080
    cfg = os.path.join(tempfile.mkdtemp(prefix="standin-"), "kubeconfig")
    with open(cfg, "w") as f:
        f.write("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: http://127.0.0.1:%d\n  name: standin\n"
                "contexts:\n- context:\n    cluster: standin\n    namespace: default\n  name: standin\n"
                "current-context: standin\n" % port)
    print("KUBECONFIG=" + cfg, flush=True)
    serve(scenario, port)


if __name__ == "__main__":
    main()
