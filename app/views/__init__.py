"""The app's pages, in sidebar order. Each module has LABEL and render()."""

from . import benchmarks, charts, corrections_log, hardware, leaderboard, paper, sql

PAGES = {
    "benchmarks": benchmarks,
    "leaderboard": leaderboard,
    "charts": charts,
    "paper": paper,
    "hardware": hardware,
    "sql": sql,
    "corrections": corrections_log,
}
