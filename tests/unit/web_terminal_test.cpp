// Unit tests of web/terminal.h: scrollback with ANSI controls, the line editor, completion.
#include <catch2/catch.hpp>

#include "terminal.h"

using namespace kubesim::web;
using Key = Terminal::Key;

static std::string screen(const Terminal& t) {
  std::string s;
  for (auto& l : t.lines()) s += l.text + "\n";
  return s;
}

TEST_CASE("output is split into lines and keeps which stream wrote it") {
  Terminal t;
  t.write("NAME   READY\nweb    1/1\n");
  t.write("error: boom\n", Terminal::Style::Err);
  REQUIRE(t.lines().size() == 4);
  CHECK(t.lines()[0].text == "NAME   READY");
  CHECK(t.lines()[2].text == "error: boom");
  CHECK(t.lines()[2].spans.at(0).style == Terminal::Style::Err);
  CHECK(t.lines()[3].text.empty());
  CHECK(t.take_plain() == "NAME   READY\nweb    1/1\nerror: boom\n");
  CHECK(t.take_plain().empty());
}

TEST_CASE("the clear sequence empties the screen, even when split across writes") {
  Terminal t;
  t.write("old output\n");
  t.write("\x1b[H\x1b[2");
  t.write("J\x1b[3J");
  CHECK(screen(t) == "\n");
  t.write("\x1b[1;32mgreen\x1b[0m\n");
  CHECK(t.lines()[0].text == "green");
}

TEST_CASE("a carriage return overwrites the line and tabs reach the next multiple of 8") {
  Terminal t;
  t.write("Waiting 1/4\rWaiting 2");
  CHECK(t.lines().back().text == "Waiting 2/4");
  t.write("\x1b[K\n");
  t.write("a\tb\n");
  CHECK(t.lines()[1].text == "a       b");
}

TEST_CASE("the scrollback keeps at most max_lines lines") {
  Terminal t(20);
  for (int i = 0; i < 100; ++i) t.write(std::to_string(i) + "\n");
  CHECK(t.lines().size() == 20);
  CHECK(t.dropped() == 81);
  CHECK(t.lines().front().text == "81");
}

TEST_CASE("the editor moves and deletes whole UTF-8 characters") {
  Terminal t;
  t.insert("echo 안녕");
  t.key(Key::Backspace);
  CHECK(t.input() == "echo 안");
  t.key(Key::Left);
  t.insert("x");
  CHECK(t.input() == "echo x안");
  t.key(Key::Home);
  t.key(Key::Delete);
  CHECK(t.input() == "cho x안");
  t.key(Key::End);
  t.key(Key::CtrlW);
  CHECK(t.input() == "cho ");
  t.key(Key::CtrlU);
  CHECK(t.input().empty());
}

TEST_CASE("Up and Down walk the history and give back the unfinished line") {
  Terminal t;
  t.insert("kubectl get pods");
  CHECK(t.key(Key::Enter).line == "kubectl get pods");
  t.insert("kubectl get nodes");
  t.key(Key::Enter);
  t.insert("draft");
  t.key(Key::Up);
  CHECK(t.input() == "kubectl get nodes");
  t.key(Key::Up);
  CHECK(t.input() == "kubectl get pods");
  t.key(Key::Up);
  CHECK(t.input() == "kubectl get pods");
  t.key(Key::Down);
  t.key(Key::Down);
  CHECK(t.input() == "draft");
}

TEST_CASE("a paste runs every complete line and keeps the rest as input") {
  Terminal t;
  auto lines = t.paste("kubectl get pods\r\nkubectl get\tnodes\nkubectl desc");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "kubectl get pods");
  CHECK(lines[1] == "kubectl get nodes");
  CHECK(t.input() == "kubectl desc");
}

TEST_CASE("one completion candidate completes the word and adds a space") {
  Terminal t;
  t.insert("kubectl get deploy");
  CHECK_FALSE(t.apply_completion({"deployments"}));
  CHECK(t.input() == "kubectl get deployments ");
  // whole-line candidates work too
  Terminal u;
  u.insert("kubectl sc");
  u.apply_completion({"kubectl scale"});
  CHECK(u.input() == "kubectl scale ");
}

TEST_CASE("several candidates extend to their common prefix and a second Tab asks for the list") {
  Terminal t;
  t.insert("kubectl get pods/kubernetes-b");
  std::vector<std::string> c = {"pods/kubernetes-bootcamp-1", "pods/kubernetes-bootcamp-2"};
  CHECK_FALSE(t.apply_completion(c));
  CHECK(t.input() == "kubectl get pods/kubernetes-bootcamp-");
  CHECK(t.apply_completion(c));  // nothing more to add: list them
  std::string listing = Terminal::format_candidates(c, 80);
  CHECK(listing == "pods/kubernetes-bootcamp-1  pods/kubernetes-bootcamp-2\n");
  CHECK(Terminal::format_candidates(c, 20) == "pods/kubernetes-bootcamp-1\npods/kubernetes-bootcamp-2\n");
}

TEST_CASE("Ctrl+C drops the line and reports what was typed") {
  Terminal t;
  t.insert("kubectl delete everything");
  auto r = t.key(Key::CtrlC);
  CHECK(r.action == Terminal::Action::Interrupt);
  CHECK(r.line == "kubectl delete everything");
  CHECK(t.input().empty());
  CHECK(t.history().empty());
}

TEST_CASE("strip_ansi removes escape sequences only") {
  CHECK(strip_ansi("\x1b[31mred\x1b[0m plain") == "red plain");
}
