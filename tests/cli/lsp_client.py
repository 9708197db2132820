#!/usr/bin/env python3
"""A small Language Server Protocol client for tests/cli/lsp.sh: starts
`policylint lsp`, speaks JSON-RPC with Content-Length framing, and checks
the server's answers.  Usage: lsp_client.py POLICYLINT ROOT WORKDIR CASE.

Every wait has a generous limit only so that a hung server fails the test
instead of hanging the suite; nothing asserts on time."""
import json
import os
import subprocess
import sys
import threading
import queue

PL, ROOT, WORK, CASE = sys.argv[1:5]
GOLDEN = os.path.join(ROOT, "tests/cli/golden")
RULES = os.path.join(GOLDEN, "window.yaml")
HANG = 300      # seconds: only a guard against a hung server
# The default rule set is this tree's (a test binary is not installed).
os.environ["POLICYLINT_RULES"] = os.path.join(ROOT, "rules")


class Server:
    def __init__(self, *args, cwd=WORK):
        self.p = subprocess.Popen([PL, "lsp", *args], cwd=cwd,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.q = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        self.err = b""
        self.err_reader = threading.Thread(target=self._read_err, daemon=True)
        self.err_reader.start()

    def _read_err(self):
        self.err = self.p.stderr.read()

    def _read(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    self.q.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                k, _, v = line.decode().partition(":")
                if k.lower() == "content-length":
                    length = int(v)
            self.q.put(json.loads(f.read(length)))

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg):
        msg = dict(msg, jsonrpc="2.0")
        body = json.dumps(msg).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"id": i, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == i)

    def wait(self, pred):
        while True:
            m = self.q.get(timeout=HANG)
            assert m is not None, "the server closed its output"
            if pred(m):
                return m

    def diagnostics(self, uri, version):
        """The diagnostics published for this version of uri."""
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri
                      and m["params"].get("version") == version)
        return m["params"]["diagnostics"]

    def init(self, encodings=None):
        caps = {"general": {"positionEncodings": encodings}} if encodings else {}
        r = self.request("initialize", {"processId": None, "rootUri": None,
                                        "capabilities": caps})
        self.notify("initialized", {})
        return r["result"]

    def open(self, path, text, version=1, lang="markdown"):
        uri = "file://" + path
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": lang, "version": version, "text": text}})
        return uri

    def change(self, uri, text, version):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def finish(self):
        assert self.request("shutdown", None)["result"] is None
        self.notify("exit", None)
        rc = self.p.wait(timeout=HANG)
        self.err_reader.join(HANG)
        assert rc == 0, (rc, self.err)
        assert b"Sanitizer" not in self.err, self.err
        return rc


def cli_findings(path, *args):
    out = subprocess.run([PL, "-f", "json", *args, path], capture_output=True)
    return json.loads(out.stdout)["files"][0]["findings"]


def write(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def apply_edit(text, edit, uri):
    """Applies a WorkspaceEdit's insertions (positions in UTF-16 units,
    which equal code points for this test's text)."""
    lines = text.split("\n")
    for e in edit["changes"][uri]:
        s = e["range"]["start"]
        assert e["range"]["start"] == e["range"]["end"], "an insertion"
        offset = sum(len(l) + 1 for l in lines[:s["line"]]) + s["character"]
        text = text[:offset] + e["newText"] + text[offset:]
    return text


def same_as_cli():
    """On open: the CLI's findings, same rules, positions, related
    locations."""
    src = open(os.path.join(ROOT, "examples/contradictions.md")).read()
    path = write("contradictions.md", src)
    s = Server("--no-config")
    caps = s.init()
    assert caps["capabilities"]["positionEncoding"] == "utf-16", caps
    assert caps["capabilities"]["hoverProvider"] is True
    uri = s.open(path, src)
    diags = s.diagnostics(uri, 1)
    want = cli_findings(path, "--no-config")
    got = [(d["code"], d["range"]["start"]["line"] + 1,
            d["range"]["start"]["character"] + 1) for d in diags]
    assert got == [(f["rule"] if "rules" not in f else ", ".join(f["rules"]),
                    f["line"], f["column"]) for f in want], (got, want)
    # Every related location of the CLI's findings, in the same document.
    for d, f in zip(diags, want):
        got_rel = [(r["location"]["uri"], r["location"]["range"]["start"]["line"] + 1,
                    r["message"]) for r in d.get("relatedInformation", [])]
        assert got_rel == [(uri, r["line"], r["message"]) for r in f["related"]], (d, f)
    assert any(d.get("relatedInformation") for d in diags), diags
    assert all(d["source"] == "policylint" for d in diags)
    s.finish()
    print("ok lsp-same-findings-as-cli")
    print("ok lsp-related-information")


def changes_debounced():
    """Many quick changes: the last version's diagnostics come, with the
    findings of its text."""
    path = write("edit.md", "# Notice\n")
    s = Server("--no-config", "--rules", RULES)
    s.init()
    uri = s.open(path, "# Notice\n\nWe gather names.\n")
    assert "need-collection" not in [d["code"] for d in s.diagnostics(uri, 1)]
    text = "# Notice\n\nHello.\n"
    for v in range(2, 30):
        s.change(uri, text + "x" * v + "\n", v)
    s.change(uri, "# Notice\n\nWe rely on the stale accord.\n", 30)
    codes = [d["code"] for d in s.diagnostics(uri, 30)]
    assert "avoid-stale" in codes and "need-collection" in codes, codes
    s.finish()
    print("ok lsp-change-debounced")


def hover_and_actions():
    text = "# Notice\n\nWe set biscuits on every page.\n"
    path = write("act.md", text)
    s = Server("--no-config", "--rules", RULES)
    s.init()
    uri = s.open(path, text)
    diags = s.diagnostics(uri, 1)
    codes = [d["code"] for d in diags]
    assert "biscuits-no-refusal" in codes and "need-collection" in codes, codes
    h = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 2, "character": 9}})
    value = h["result"]["contents"]["value"]
    assert "biscuits-no-refusal" in value and "Why: The test's conditional" in value, value
    h = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 1, "character": 0}})
    assert h["result"] is None, h
    print("ok lsp-hover-explains")
    # At the top: the gaps' actions; applying the clause meets the rule.
    rng = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    acts = s.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                     "range": rng, "context": {"diagnostics": []}})["result"]
    titles = [a["title"] for a in acts]
    ins = [a for a in acts if a["title"] == "Insert a suggested clause for need-collection"]
    assert ins, titles
    assert "Disable need-retention in this file (with a reason)" in titles, titles
    new = apply_edit(text, ins[0]["edit"], uri)
    assert "At {{company}} we gather the details" in new, new
    s.change(uri, new, 2)
    assert "need-collection" not in [d["code"] for d in s.diagnostics(uri, 2)]
    print("ok lsp-action-inserts-clause")
    dis = [a for a in acts if a["title"].startswith("Disable need-retention in this file")][0]
    new2 = apply_edit(new, dis["edit"], uri)
    assert new2.startswith("<!-- policylint-disable-file need-retention -- reason: "), new2
    s.change(uri, new2, 3)
    codes = [d["code"] for d in s.diagnostics(uri, 3)]
    assert "need-retention" not in codes and "unused-directive" not in codes, codes
    print("ok lsp-action-disables-with-reason")
    # On the line: disable-next-line.
    rng = {"start": {"line": 3, "character": 8}, "end": {"line": 3, "character": 9}}
    acts = s.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                     "range": rng, "context": {"diagnostics": []}})["result"]
    line = [a for a in acts if a["title"].startswith("Disable biscuits-no-refusal on this line")]
    assert line, [a["title"] for a in acts]
    new3 = apply_edit(new2, line[0]["edit"], uri)
    s.change(uri, new3, 4)
    codes = [d["code"] for d in s.diagnostics(uri, 4)]
    assert "biscuits-no-refusal" not in codes and "unused-directive" not in codes, (codes, new3)
    print("ok lsp-action-disables-line")
    s.finish()


def utf8_positions():
    """A client that offers utf-8 gets byte columns; utf-16 counts an
    astral character as two."""
    text = "# N\n\n\U0001F642 é we rely on the stale accord.\n"
    path = write("pos.md", text)
    # "we rely on the " is 15 characters of one unit each.
    for enc, want in (("utf-8", 4 + 1 + 2 + 1 + 15), ("utf-16", 2 + 1 + 1 + 1 + 15),
                      ("utf-32", 1 + 1 + 1 + 1 + 15)):
        s = Server("--no-config", "--rules", RULES)
        caps = s.init([enc, "utf-16"] if enc != "utf-16" else None)
        assert caps["capabilities"]["positionEncoding"] == enc, caps
        uri = s.open(path, text)
        d = [d for d in s.diagnostics(uri, 1) if d["code"] == "avoid-stale"][0]
        assert d["range"]["start"] == {"line": 2, "character": want}, (enc, d["range"])
        s.finish()
    print("ok lsp-position-encodings")


def config_from_path():
    """The .policylint.yaml above the document configures it; a change to
    it (watched files) is read again."""
    d = os.path.join(WORK, "proj", "legal")
    os.makedirs(d, exist_ok=True)
    os.makedirs(os.path.join(WORK, "proj", ".git"), exist_ok=True)
    cfg = os.path.join(WORK, "proj", ".policylint.yaml")
    with open(cfg, "w") as f:
        f.write("rules: [%s]\ndisable: [need-retention]\n" % RULES)
    text = "# Notice\n\nHello.\n"
    path = os.path.join(d, "p.md")
    with open(path, "w") as f:
        f.write(text)
    s = Server()
    s.init()
    uri = s.open(path, text)
    # The configuration's rules come on top of the default ones; a gap
    # both require is one diagnostic with both ids.
    codes = ", ".join(x["code"] for x in s.diagnostics(uri, 1))
    assert "need-collection" in codes and "need-retention" not in codes, codes
    with open(cfg, "w") as f:
        f.write("rules: [%s]\ndisable: [need-collection]\n" % RULES)
    s.notify("workspace/didChangeWatchedFiles", {"changes": [
        {"uri": "file://" + cfg, "type": 2}]})
    s.change(uri, text, 2)
    codes = ", ".join(x["code"] for x in s.diagnostics(uri, 2))
    assert "need-retention" in codes and "need-collection" not in codes, codes
    s.finish()
    print("ok lsp-config-from-path")


def malformed():
    """Bad messages get JSON-RPC errors; the server goes on."""
    s = Server("--no-config", "--rules", RULES)
    s.init()
    body = b"{not json"
    s.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    e = s.wait(lambda m: "error" in m)
    assert e["error"]["code"] == -32700 and e["id"] is None, e
    s.raw(b"Content-Type: text/plain\r\n\r\n")       # no length
    e = s.wait(lambda m: "error" in m)
    assert e["error"]["code"] == -32700, e
    s.send({"id": 7, "params": {}})                     # no method
    e = s.wait(lambda m: "error" in m)
    assert e["error"]["code"] == -32600 and e["id"] == 7, e
    s.send({"id": "x", "method": "no/such", "params": {}})
    e = s.wait(lambda m: "error" in m)
    assert e["error"]["code"] == -32601 and e["id"] == "x", e
    s.notify("$/unknownNotification", {})               # ignored
    s.send({"id": 8, "method": "textDocument/hover", "params": {}})
    e = s.wait(lambda m: m.get("id") == 8)
    assert e["error"]["code"] == -32602, e
    body = b'[' * 100000
    s.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    e = s.wait(lambda m: "error" in m)
    assert "deep" in e["error"]["message"], e
    path = write("after.md", "We rely on the stale accord.\n")
    uri = s.open(path, "We rely on the stale accord.\n")
    assert "avoid-stale" in [d["code"] for d in s.diagnostics(uri, 1)]
    s.finish()
    assert b"[lsp-message]" in s.err, s.err
    print("ok lsp-malformed-messages")


def large_document():
    """A 20 MB document is linted and answered."""
    para = "We gather your name when you sign up, and we rely on nothing stale. "
    text = "# Notice\n\n" + (para * 16 + "\n\n") * (20 * 1024 * 1024 // (len(para) * 16 + 2))
    text += "At the very end we rely on the stale accord.\n"
    assert len(text) >= 20 * 1000 * 1000
    path = write("large.md", "")
    s = Server("--no-config", "--rules", RULES)
    s.init()
    uri = s.open(path, text)
    diags = s.diagnostics(uri, 1)
    stale = [d for d in diags if d["code"] == "avoid-stale"]
    assert len(stale) == 1 and stale[0]["range"]["start"]["line"] == text.count("\n") - 1, stale
    h = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                  "position": stale[0]["range"]["start"]})
    assert "avoid-stale" in h["result"]["contents"]["value"]
    s.finish()
    print("ok lsp-20mb-document")


def vanished():
    """End of input without exit: the server stops cleanly (status 0, a
    note on stderr); a client that stops reading: no hang, no crash."""
    s = Server("--no-config", "--rules", RULES)
    s.init()
    s.open(write("gone.md", "Hello.\n"), "Hello.\n")
    s.p.stdin.close()
    rc = s.p.wait(timeout=HANG)
    assert rc == 0, rc
    s.err_reader.join(HANG)
    assert b"[lsp-client-gone]" in s.err and b"Sanitizer" not in s.err, s.err
    print("ok lsp-client-eof")
    p = subprocess.Popen([PL, "lsp", "--no-config", "--rules", RULES], cwd=WORK,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.close()            # nobody reads the answers
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"capabilities": {}}}).encode()
    try:
        for _ in range(3):
            p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            p.stdin.flush()
    except BrokenPipeError:
        pass
    try:
        p.stdin.close()
    except BrokenPipeError:
        pass
    rc = p.wait(timeout=HANG)
    err = p.stderr.read()
    assert rc in (0, 1), rc
    assert b"[lsp-client-gone]" in err and b"Sanitizer" not in err, err
    print("ok lsp-client-broken-pipe")


def exit_status():
    """exit without shutdown is status 1; --lsp is the subcommand."""
    p = subprocess.run([PL, "--lsp"], input=b'Content-Length: 33\r\n\r\n'
                       b'{"jsonrpc":"2.0","method":"exit"}', capture_output=True,
                       cwd=WORK, timeout=HANG)
    assert p.returncode == 1, p
    s = Server("--no-config")
    r = s.request("textDocument/hover", {})
    assert r["error"]["code"] == -32002, r      # not initialized
    s.init()
    s.finish()
    print("ok lsp-exit-status")


{"same": same_as_cli, "changes": changes_debounced, "actions": hover_and_actions,
 "positions": utf8_positions, "config": config_from_path, "malformed": malformed,
 "large": large_document, "vanished": vanished, "exit": exit_status}[CASE]()
