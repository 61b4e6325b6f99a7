"""Kept for tools that still call setup.py; the metadata lives in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    name="shortlink",
    version="1.4.0",
    packages=find_packages(include=["app", "app.*"]),
    python_requires=">=3.11",
    install_requires=["flask>=3.0,<4", "requests>=2.31,<3", "gunicorn>=22.0"],
    entry_points={"console_scripts": ["shortlink=app.service:main"]},
)
