from disclosure_report.cli import main

raise SystemExit(main())
