"""./run as a newcomer meets it: a port another program holds stops it at once, saying so, with nothing started."""
import os
import pathlib
import socket
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_run_refuses_a_taken_port_before_starting_anything(tmp_path):
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        env = dict(os.environ, PORT=str(port), HOST="127.0.0.1", BONGPHEAK_CONFIG=str(tmp_path / "config.ini"))
        result = subprocess.run([str(ROOT / "run")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already taken" in result.stderr and "PORT=" in result.stderr
    assert "is running" not in result.stdout
