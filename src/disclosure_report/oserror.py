"""Why a file could not be read or written, in Chinese.

Python's OSError carries the system's own words: English on Linux, and on Windows English for the C library's
errors (errno) though Chinese for Windows' own (winerror, which Python asks Windows to word).
"""

import errno
from typing import Dict

_BY_ERRNO: Dict[int, str] = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘或文件夹只读",
    errno.EIO: "读写磁盘出错",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一项是文件，不是文件夹",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENOMEM: "内存不足",
    errno.EINVAL: "文件名或路径无效",
}
if hasattr(errno, "EDQUOT"):
    _BY_ERRNO[errno.EDQUOT] = "磁盘配额已用完"
# Windows' own codes, more precise than the errno Python maps them to (32 and 33 both become EACCES).
_BY_WINERROR = {
    32: "文件正被其他程序占用（例如在 Word、WPS 或 Excel 中打开着）",
    33: "文件的一部分被其他程序锁定",
    112: "磁盘已满",
    206: "文件名或路径太长",
}


def os_reason(error: OSError) -> str:
    """The reason, for a message that says which file and what to do."""
    winerror = getattr(error, "winerror", None)
    if winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if winerror is not None and error.strerror:
        return error.strerror.strip()  # worded by Windows in its own language
    if error.errno in _BY_ERRNO:
        return _BY_ERRNO[error.errno]
    return f"系统错误 {error.errno}" if error.errno else f"系统错误（{type(error).__name__}）"
