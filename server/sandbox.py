"""Take the network away from an engine process: a seccomp filter on socket().

pyoxigraph evaluates a SERVICE clause itself, over the network, with no switch
to turn that off. A query that slipped past every text check would make the
server call any address, loopback included. So each engine process, right
after it starts and before it opens a store or starts a thread, installs a
seccomp-bpf filter (unprivileged, after PR_SET_NO_NEW_PRIVS) under which
socket() succeeds only for AF_UNIX (the pipe to the server) and io_uring,
which could open sockets another way, is refused: EACCES. Allowlisted SERVICE
calls are made by the server process, outside the engine.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
AF_UNIX = 1
X32_SYSCALL_BIT = 0x40000000

# machine: (AUDIT_ARCH_*, socket, io_uring_setup)
ARCHES = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}

_LOAD, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06
_ALLOW = 0x7FFF0000
_DENY = 0x00050000 | errno.EACCES


class SandboxError(OSError):
    """The filter could not be installed (unknown architecture, or the kernel refused)."""


def _program(arch: int, socket_nr: int, io_uring_nr: int) -> bytes:
    # (code, jump if true, jump if false, k); a jump skips that many instructions.
    instructions = [
        (_LOAD, 0, 0, 4),  # 0: seccomp_data.arch
        (_JEQ, 1, 0, arch),  # 1: ours -> 3
        (_RET, 0, 0, _DENY),  # 2
        (_LOAD, 0, 0, 0),  # 3: seccomp_data.nr
        (_JGE, 4, 0, X32_SYSCALL_BIT),  # 4: x32 ABI -> 9
        (_JEQ, 3, 0, io_uring_nr),  # 5: -> 9
        (_JEQ, 0, 3, socket_nr),  # 6: socket -> 7, anything else -> 10
        (_LOAD, 0, 0, 16),  # 7: seccomp_data.args[0], low word: the address family
        (_JEQ, 1, 0, AF_UNIX),  # 8: AF_UNIX -> 10
        (_RET, 0, 0, _DENY),  # 9
        (_RET, 0, 0, _ALLOW),  # 10
    ]
    return b"".join(struct.pack("HBBI", *i) for i in instructions)


def deny_network() -> None:
    """Install the filter in this process; every thread started afterwards inherits it.

    :raises SandboxError: when it cannot be installed; the engine must then not run.
    """
    try:
        arch = ARCHES[platform.machine()]
    except KeyError as exc:
        raise SandboxError(f"no network filter for the architecture {exc}") from exc
    code = _program(*arch)
    buffer = ctypes.create_string_buffer(code, len(code))

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    program = Program(len(code) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        raise SandboxError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
