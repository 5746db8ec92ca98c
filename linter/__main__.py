from gongwen.cli import main

main()
