"""Findings of a ``--cluster`` run about the run itself, not the text."""
from __future__ import annotations

from gongwen.diagnostic import Severity
from gongwen.rules.meta import _InputProblem


class ClusterWorkerLost(_InputProblem):
    """## What it does
    报告 `--cluster` 运行中没能检查的文件：检查它的集群工作进程意外退出（被系统终止、
    内存耗尽、机器下线），调度器把它交给其他工作进程重试，单独再试一次后仍然如此。

    ## Why is this bad?
    这个文件没有检查，不能当作通过；其他文件照常检查，结果与本机运行相同。
    不带 `--cluster` 单独检查这个文件可以看到原因。

    ## Example
    ```text
    LNT909 检查此文件的集群工作进程反复意外退出，重试后仍然如此，未检查：KilledWorker
    ```

    Use instead:
    ```text
    gongwen check 该文件
    ```
    """

    code = "LNT909"
    name = "cluster-worker-lost"
    severity = Severity.ERROR


RULES = (ClusterWorkerLost,)
