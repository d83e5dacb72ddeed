"""The floor for start-up: Python, PySide6, a QApplication and an empty 1180×740 QMainWindow,
quit the way the app quits when TRYG_EXIT_WHEN_SHOWN=1 (QTimer.singleShot(0, app.quit) after
show(); see tryg_desktop/app.py run_gui). run.py times this next to `main.py`."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1180, 740)
    window.show()
    QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
