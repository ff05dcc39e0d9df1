from buurtpeil.cli import main

main()
