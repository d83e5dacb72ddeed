"""The floor for start-up: Python, PySide6, a QApplication and an empty 1180×740 QMainWindow.
Like the app with TRYG_EXIT_WHEN_SHOWN=1 (tryg_desktop/app.py run_gui), a zero timer after
show() prints "shown <monotonic time>" and quits. run.py times this next to `main.py`."""

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1180, 740)
    window.show()
    QTimer.singleShot(0, lambda: (print(f"shown {time.monotonic():.6f}", flush=True), app.quit()))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
