// Go text/tabwriter emulation: the alignment every kubectl table and describe goes through.
#include <catch2/catch.hpp>

#include "kubectl/tabwriter.h"

using kubesim::kubectl::TabWriter;
using kubesim::kubectl::tabwrite;
using kubesim::kubectl::tabwrite_describe;
using kubesim::kubectl::tabwrite_get;

TEST_CASE("a kubectl get table pads every column but the last to the widest cell plus three") {
  const std::string in =
      "NAME\tREADY\tUP-TO-DATE\tAVAILABLE\tAGE\n"
      "kubernetes-bootcamp\t3/4\t2\t3\t8m12s\n";
  CHECK(tabwrite_get(in) ==
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "kubernetes-bootcamp   3/4     2            3           8m12s\n");
}

TEST_CASE("a column is at least minwidth wide") {
  // "a" + padding 3 = 4 < minwidth 6
  CHECK(tabwrite_get("a\tb\nc\td\n") == "a     b\nc     d\n");
  CHECK(tabwrite("a\tb\n", 0, 8, 2) == "a  b\n");
}

TEST_CASE("the last cell of a line is never padded, so lines carry no trailing spaces") {
  CHECK(tabwrite_get("NAME\tAGE\nx\t5s\n") == "NAME   AGE\nx      5s\n");
}

TEST_CASE("an empty cell terminated by a tab is padded like any other cell") {
  // describe's "Container ID:\t" line before the container has an ID
  CHECK(tabwrite_describe("    Container ID:\t\n    Image:\tnginx\n") ==
        "    Container ID:  \n    Image:         nginx\n");
}

TEST_CASE("a line without the column ends the column block") {
  const std::string in =
      "Name:\tx\n"
      "Pod Template:\n"
      "  Labels:\tapp=x\n";
  CHECK(tabwrite_describe(in) == "Name:  x\nPod Template:\n  Labels:  app=x\n");
}

TEST_CASE("nested columns are laid out per block") {
  // Column 1 exists only on the last two lines, so it is aligned among them only.
  const std::string in =
      "a\tb\n"
      "long-cell\tc\td\n"
      "e\tff\tg\n";
  CHECK(tabwrite(in, 0, 8, 1) ==
        "a         b\n"
        "long-cell c  d\n"
        "e         ff g\n");
}

TEST_CASE("widths count code points, not bytes") {
  CHECK(tabwrite("é\tx\nab\ty\n", 0, 8, 1) == "é  x\nab y\n");
}

TEST_CASE("text after the last newline is written without a newline") {
  CHECK(tabwrite("a\tb\nccc\td", 0, 8, 1) == "a   b\nccc d");
  CHECK(tabwrite("", 0, 8, 1).empty());
}

TEST_CASE("a flush separates the alignment of what came before from what comes after") {
  TabWriter w(0, 8, 2);
  w.write("Name:\tkubernetes-bootcamp\n");
  w.flush();
  w.write("Events:\n  Type\tReason\n  Normal\tScheduled\n");
  CHECK(w.str() == "Name:  kubernetes-bootcamp\nEvents:\n  Type    Reason\n  Normal  Scheduled\n");
}

TEST_CASE("the describe deployment sample of the spec aligns byte for byte") {
  const std::string in =
      "Name:\tkubernetes-bootcamp\n"
      "Namespace:\tdefault\n"
      "CreationTimestamp:\tMon, 12 Jan 2026 10:04:11 +0000\n"
      "Labels:\tapp=kubernetes-bootcamp\n"
      "Annotations:\tdeployment.kubernetes.io/revision: 1\n"
      "Selector:\tapp=kubernetes-bootcamp\n"
      "Replicas:\t4 desired | 4 updated | 4 total | 4 available | 0 unavailable\n"
      "StrategyType:\tRollingUpdate\n"
      "MinReadySeconds:\t0\n"
      "RollingUpdateStrategy:\t25% max unavailable, 25% max surge\n"
      "Pod Template:\n"
      "  Labels:\tapp=kubernetes-bootcamp\n"
      "  Containers:\n"
      "   kubernetes-bootcamp:\n"
      "    Image:\tgcr.io/google-samples/kubernetes-bootcamp:v1\n"
      "    Port:\t<none>\n"
      "    Host Port:\t<none>\n"
      "    Environment:\t<none>\n"
      "    Mounts:\t<none>\n"
      "  Volumes:\t<none>\n"
      "  Node-Selectors:\t<none>\n"
      "  Tolerations:\t<none>\n"
      "Conditions:\n"
      "  Type\tStatus\tReason\n"
      "  ----\t------\t------\n"
      "  Progressing \tTrue\tNewReplicaSetAvailable\n"
      "  Available \tTrue\tMinimumReplicasAvailable\n"
      "OldReplicaSets:\t<none>\n"
      "NewReplicaSet:\tkubernetes-bootcamp-5485cc6795 (4/4 replicas created)\n";
  const std::string want =
      "Name:                   kubernetes-bootcamp\n"
      "Namespace:              default\n"
      "CreationTimestamp:      Mon, 12 Jan 2026 10:04:11 +0000\n"
      "Labels:                 app=kubernetes-bootcamp\n"
      "Annotations:            deployment.kubernetes.io/revision: 1\n"
      "Selector:               app=kubernetes-bootcamp\n"
      "Replicas:               4 desired | 4 updated | 4 total | 4 available | 0 unavailable\n"
      "StrategyType:           RollingUpdate\n"
      "MinReadySeconds:        0\n"
      "RollingUpdateStrategy:  25% max unavailable, 25% max surge\n"
      "Pod Template:\n"
      "  Labels:  app=kubernetes-bootcamp\n"
      "  Containers:\n"
      "   kubernetes-bootcamp:\n"
      "    Image:         gcr.io/google-samples/kubernetes-bootcamp:v1\n"
      "    Port:          <none>\n"
      "    Host Port:     <none>\n"
      "    Environment:   <none>\n"
      "    Mounts:        <none>\n"
      "  Volumes:         <none>\n"
      "  Node-Selectors:  <none>\n"
      "  Tolerations:     <none>\n"
      "Conditions:\n"
      "  Type           Status  Reason\n"
      "  ----           ------  ------\n"
      "  Progressing    True    NewReplicaSetAvailable\n"
      "  Available      True    MinimumReplicasAvailable\n"
      "OldReplicaSets:  <none>\n"
      "NewReplicaSet:   kubernetes-bootcamp-5485cc6795 (4/4 replicas created)\n";
  CHECK(tabwrite_describe(in) == want);
}

TEST_CASE("remembered widths carry a column's width across flushes and only grow") {
  // kubectl's tabwriter (liggitt/tabwriter, RememberWidths): a watch flushes after every row.
  std::vector<int> widths;
  CHECK(tabwrite("NAME\tSTATUS\tAGE\nweb-1\tPending\t0s\n", 6, 4, 3, &widths) ==
        "NAME    STATUS    AGE\nweb-1   Pending   0s\n");
  CHECK(tabwrite("web-1\tContainerCreating\t0s\n", 6, 4, 3, &widths) == "web-1   ContainerCreating   0s\n");
  CHECK(tabwrite("web-1\tRunning\t4s\n", 6, 4, 3, &widths) == "web-1   Running             4s\n");
  CHECK(tabwrite("a-much-longer-name\tRunning\t4s\n", 6, 4, 3, &widths) == "a-much-longer-name   Running             4s\n");
  CHECK(widths == std::vector<int>{21, 20});
  // Without them every flush stands alone.
  CHECK(tabwrite("web-1\tRunning\t4s\n", 6, 4, 3) == "web-1   Running   4s\n");
}
