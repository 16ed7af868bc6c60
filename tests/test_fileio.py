"""checker.fileio: inputs refused as outputs, special files written through or refused, failures one line."""

from __future__ import annotations

import os
import socket
import stat
import threading

import pytest

from checker import fileio


@pytest.fixture(autouse=True)
def _run():
    fileio.begin_run()
    yield
    fileio._inputs = None


def test_an_input_of_the_run_is_refused_by_any_name(tmp_path):
    src = tmp_path / "a.yaml"
    src.write_text("x")
    with fileio.open_input(src) as fh:
        fh.read()
    link = tmp_path / "link.yaml"
    link.symlink_to(src)
    hard = tmp_path / "hard.yaml"
    os.link(src, hard)
    for name in (src, link, hard, tmp_path / "." / "a.yaml"):
        with pytest.raises(fileio.OutputError, match=r":1:1: --output names the input file .*a.yaml; tebiki never writes"):
            fileio.write_output(name, "y")
    assert src.read_text() == "x"


def test_explicit_inputs_are_refused_without_a_run(tmp_path):
    fileio._inputs = None
    src = tmp_path / "a.yaml"
    src.write_text("x")
    with pytest.raises(fileio.OutputError, match="--out names the input"):
        fileio.write_output(src, "y", option="--out", inputs=[str(src)])
    fileio.write_output(tmp_path / "b.txt", "y", inputs=[str(src)])


def test_a_regular_file_is_replaced_keeping_its_permissions(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("old")
    target.chmod(0o640)
    fileio.write_output(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_is_written_through_and_stays_a_symlink(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    fileio.write_output(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def _device(tmp_path, name: str, minor: int) -> str:
    """A character device to write to: as root a node of our own (1, minor) in tmp_path, so that a
    regression could never replace the machine's /dev/null; as another user the real one, which
    such a user cannot replace."""
    if os.geteuid() != 0:
        return f"/dev/{name}"
    path = tmp_path / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return str(path)


def test_character_devices_are_written_through(tmp_path):
    null = _device(tmp_path, "null", 3)
    fileio.write_output(null, "x" * 100_000)
    assert stat.S_ISCHR(os.stat(null).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_is_one_line_not_success(tmp_path):
    full = _device(tmp_path, "full", 7)
    with pytest.raises(fileio.OutputError) as info:
        fileio.write_output(full, "x")
    assert str(info.value) == f"{full}:1:1: cannot write: No space left on device"
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_fifo_with_a_reader_is_written_through(tmp_path):
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    for _ in range(200):  # until the reader has opened its end
        try:
            fileio.write_output(fifo, "through the pipe")
            break
        except fileio.OutputError as exc:
            assert "no process is reading" in str(exc)
            threading.Event().wait(0.01)
    reader.join(5)
    assert got == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once(tmp_path):
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(fileio.OutputError, match="no process is reading this FIFO"):
        fileio.write_output(fifo, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_and_a_socket_are_refused(tmp_path):
    with pytest.raises(fileio.OutputError, match="--out names a folder"):
        fileio.write_output(tmp_path, "x", option="--out")
    sock_path = tmp_path / "s"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(sock_path))
    try:
        with pytest.raises(fileio.OutputError, match="names a socket"):
            fileio.write_output(sock_path, "x")
    finally:
        s.close()


def test_a_path_under_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(fileio.OutputError, match="cannot write: Not a directory"):
        fileio.write_output(tmp_path / "f" / "out.json", "x")


def test_exclusive_never_replaces(tmp_path):
    target = tmp_path / "new.yaml"
    fileio.write_output(target, "a", exclusive=True)
    with pytest.raises(fileio.OutputError, match="already exists"):
        fileio.write_output(target, "b", exclusive=True)
    dangling = tmp_path / "d.yaml"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(fileio.OutputError, match="already exists"):
        fileio.write_output(dangling, "b", exclusive=True)
    assert target.read_text() == "a" and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("make", ["fifo", "socket", "folder", "chardev"])
def test_special_inputs_are_refused_without_blocking(tmp_path, make):
    path = tmp_path / "in.yaml"
    if make == "fifo":
        os.mkfifo(path)
    elif make == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
    elif make == "folder":
        path.mkdir()
    else:
        path = "/dev/zero"
    with pytest.raises(OSError) as info:
        fileio.open_input(path)
    assert info.value.strerror in ("is a FIFO (named pipe), not a regular file", "is a socket, not a regular file",
                                   "is a directory", "is a character device, not a regular file")
