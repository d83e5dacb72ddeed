from tryg_desktop.app import main

main()
