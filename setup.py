"""Ship task_rules/ inside the installed package.

The rules stay at the top of the repository (maintainers edit them there and
an editable install reads them in place); a wheel or `pip install .` copies
them to `tracker/task_rules/`, where `tracker.rules.rules_dir()` finds them.
Everything else about the build lives in pyproject.toml.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class build_py_with_rules(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "tracker" / "task_rules"
        shutil.copytree(HERE / "task_rules", target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": build_py_with_rules})
