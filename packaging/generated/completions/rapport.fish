# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rapport_global_optspecs
    string join \n data-dir= passphrase-file= exit-after-first-frame= h/help V/version
end

function __fish_rapport_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rapport_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rapport_using_subcommand
    set -l cmd (__fish_rapport_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rapport -n "__fish_rapport_needs_command" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_needs_command" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_needs_command" -l exit-after-first-frame -d 'Close the window as soon as the first frame that shows the journal is drawn (`any`: the first frame of any kind), for measuring start-up time' -r -f -a "journal\t'The first frame that shows the journal (Today with its entries, read first)'
whole\t'The first frame drawn from the whole journal'
any\t'The first frame of any kind ("Opening your journal…" while it is read)'"
complete -c rapport -n "__fish_rapport_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_needs_command" -s V -l version -d 'Print version'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "worksheets" -d 'List the worksheets, or show the fields of one so you can write `rapport add` commands'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "programmes" -d 'List the programmes (for workshops, or to follow at home): ids, titles and sessions'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "add" -d 'Save an entry: `rapport add coping-skills intensity_before=8 situation="Argument at work"`'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "edit" -d 'Change answers of an entry: `rapport edit ENTRY_ID intensity_after=3`. Answers not given stay as they were; the previous version is kept'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "trash" -d 'List deleted entries, which `rapport restore-entry ID` brings back, or delete them for good: `rapport trash delete-forever ID --yes`, `rapport trash empty --yes`'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "restore-entry" -d 'Bring a deleted entry back from the trash'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "entries" -d 'List entries, newest first: date, worksheet and a one-line summary'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "progress" -d 'Print a worksheet\'s tracked ratings over time'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "chart" -d 'Draw a worksheet\'s progress chart to a PNG or SVG file'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "handout" -d 'Make a printable PDF handout of a worksheet (filled with your latest entry, or blank) or of a whole session: `rapport handout coping-skills --blank --out sheet.pdf`, `rapport handout --session group-ipt:2 --out session2.pdf`'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "share" -d 'Make a file to share your progress with your facilitator: only the numbers and dates of the series you name, under a pseudonym. Without --include, lists what you can share'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "group-summary" -d 'Summarise a folder of participants\' share files: per week, n, median and spread of each measure, and the change over the programme. Names every file skipped, with the reason'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "report" -d 'Make a one-page summary to take to an appointment (a PDF): your check-ins with their bands, what you practised, your focus and goals, and the ratings that changed most. Written answers go in only from the worksheets you name with --include-text'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "register" -d 'The facilitator\'s group register for a run of a programme: members by first name or pseudonym, attendance, a PHQ-9 per member per session, and who to follow up (question 9 above 0, a rise of 5 or more, two sessions missed in a row). Kept private in the data folder, sealed when the journal is protected'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "remind" -d 'Gentle reminders, off until you turn them on: `rapport remind on --weekly mon --at 19:00`. They never say what you wrote, a score or a worksheet\'s name. `rapport remind --due` shows one if it is due, then exits; the desktop\'s timer runs it while the app is closed'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "backup" -d 'Back up the whole journal now (one file per day, the newest 14 kept)'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "backups" -d 'List the backups, newest first'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "restore" -d 'Restore a backup. The current journal is moved aside first, never deleted'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "export" -d 'Export the journal, or one worksheet\'s entries, as CSV, Markdown or a RON archive'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "import" -d 'Import a RON archive made by `rapport export --format ron`. Entries already in the journal are skipped; an entry whose id is taken by a different one is added under a new id'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "check" -d 'Check the workbook and the whole journal; print every problem and change nothing'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "protect" -d 'Protect the journal with a passphrase, remove the protection, or change the passphrase'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "demo-data" -d 'Fill an empty data folder with years of made-up entries, to try the app with a history'
complete -c rapport -n "__fish_rapport_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand worksheets" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand worksheets" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand worksheets" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand programmes" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand programmes" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand programmes" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand add" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand add" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand edit" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand edit" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and not __fish_seen_subcommand_from delete-forever empty help" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand trash; and not __fish_seen_subcommand_from delete-forever empty help" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand trash; and not __fish_seen_subcommand_from delete-forever empty help" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and not __fish_seen_subcommand_from delete-forever empty help" -f -a "delete-forever" -d 'Delete one entry from the trash for good, with its earlier versions and any draft of it'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and not __fish_seen_subcommand_from delete-forever empty help" -f -a "empty" -d 'Delete everything in the trash for good, with the entries\' earlier versions and drafts'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and not __fish_seen_subcommand_from delete-forever empty help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from delete-forever" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from delete-forever" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from delete-forever" -l yes -d 'Delete without asking: this cannot be undone'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from delete-forever" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from empty" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from empty" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from empty" -l yes -d 'Delete without asking: this cannot be undone'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from empty" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from help" -f -a "delete-forever" -d 'Delete one entry from the trash for good, with its earlier versions and any draft of it'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from help" -f -a "empty" -d 'Delete everything in the trash for good, with the entries\' earlier versions and drafts'
complete -c rapport -n "__fish_rapport_using_subcommand trash; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand restore-entry" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand restore-entry" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand restore-entry" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand entries" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand entries" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand entries" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand progress" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand progress" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand progress" -l csv -d 'Print CSV instead of a table'
complete -c rapport -n "__fish_rapport_using_subcommand progress" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l kind -d 'Which chart' -r -f -a "trend\t'A worksheet\'s tracked ratings (or questionnaire score) over time'
before-after\t'A worksheet\'s ratings before and after, paired within entries'
weekly\t'Entries per week over the last 26 weeks, by worksheet'
calendar\t'Days practised over the last year'
relationships\t'Closeness to each person over time'"
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l range -d 'How far back to look' -r -f -a "4w\t'The last four weeks'
3m\t'The last three months'
1y\t'The last year'
all\t'Everything'"
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l out -d 'The file to write; its extension (.png or .svg) picks the format' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l width -d 'Width in pixels' -r
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l height -d 'Height in pixels' -r
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l theme -d 'Colours for a light or a dark page' -r -f -a "light\t'Dark text on white'
dark\t'Light text on near-black'"
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand chart" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand chart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l session -d 'A session as PROGRAMME:NUMBER, e.g. group-ipt:2' -r
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l entry -d 'Fill with this entry rather than the latest' -r
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l paper -d 'Paper size' -r -f -a "a4\t'210 × 297 mm'
letter\t'8.5 × 11 inches'"
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l region -d 'The country whose helplines and emergency number the handout prints, by its two-letter code, e.g. GB, US, AU (default: from the system\'s language settings, `LC_ALL` or `LANG`)' -r
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l out -d 'The PDF file to write' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand handout" -l blank -d 'Leave the answers empty, for writing by hand'
complete -c rapport -n "__fish_rapport_using_subcommand handout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand share" -l group -d 'The code your facilitator gave the group' -r
complete -c rapport -n "__fish_rapport_using_subcommand share" -l pseudonym -d 'The name to appear under (not your real name, unless you want it to be)' -r
complete -c rapport -n "__fish_rapport_using_subcommand share" -l include -d 'The series to include, separated by commas, e.g. phq9,coping-skills/intensity_before' -r
complete -c rapport -n "__fish_rapport_using_subcommand share" -l programme -d 'The programme the group follows (default: the one you follow)' -r
complete -c rapport -n "__fish_rapport_using_subcommand share" -l start -d 'The day the group started, YYYY-MM-DD, if your facilitator gave one with the group code. Only values from the programme\'s weeks from then are shared (default: from where you are in the programme you follow, or its last weeks up to today)' -r
complete -c rapport -n "__fish_rapport_using_subcommand share" -l out -d 'Where to write the share file' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand share" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand share" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand share" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -l group -d 'The group code the files must carry' -r
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -l programme -d 'Only accept files for this programme' -r
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -l start -d 'The day the group started, YYYY-MM-DD: week 1 starts then for every file (default: estimated from the files)' -r
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -l pdf -d 'Also write the summary as a PDF' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -l csv -d 'Print CSV instead of a table'
complete -c rapport -n "__fish_rapport_using_subcommand group-summary" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand report" -l from -d 'The first day, YYYY-MM-DD (default: four weeks before --to)' -r
complete -c rapport -n "__fish_rapport_using_subcommand report" -l to -d 'The last day, YYYY-MM-DD (default: today)' -r
complete -c rapport -n "__fish_rapport_using_subcommand report" -l out -d 'The PDF file to write' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand report" -l paper -d 'Paper size' -r -f -a "a4\t'210 × 297 mm'
letter\t'8.5 × 11 inches'"
complete -c rapport -n "__fish_rapport_using_subcommand report" -l leave-out -d 'Parts to leave out, separated by commas' -r -f -a "measures\t'The check-ins (PHQ-9, GAD-7, WHO-5) as small charts'
practice\t'Which worksheets you used, and how often'
focus\t'Your focus area, goals and the course you follow'
ratings\t'The ratings that changed most'"
complete -c rapport -n "__fish_rapport_using_subcommand report" -l include-text -d 'Worksheets whose written answers may go in, by id, separated by commas' -r
complete -c rapport -n "__fish_rapport_using_subcommand report" -l talk-about -d 'What you want to talk about, printed at the top' -r
complete -c rapport -n "__fish_rapport_using_subcommand report" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand report" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "new" -d 'Start a register for a run of a programme: `rapport register new "Tuesday group" --programme group-ipt --start 2026-11-03`. Prints the run\'s id'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "list" -d 'List the registers: id, name, programme, members'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "add-member" -d 'Add a member by a first name or a pseudonym'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "attend" -d 'Mark members as there at a session: `rapport register attend RUN --session 2 River Sam`'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "score" -d 'Record a member\'s measure at a session: each question\'s answer (for the PHQ-9, nine: `--answers 0,1,2,1,0,1,2,1,0`), or only the total (`--total 12`)'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "show" -d 'Show the register: a row per member, attendance and score per session, and who to follow up and why'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "export" -d 'Write the register as CSV (one row per member and session) or as a PDF (the table, the follow-ups and the charts)'
complete -c rapport -n "__fish_rapport_using_subcommand register; and not __fish_seen_subcommand_from new list add-member attend score show export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from new" -l programme -d 'The programme it runs (see `rapport programmes`)' -r
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from new" -l start -d 'The day of the first group session, YYYY-MM-DD' -r
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from new" -l measure -d 'The questionnaire scored at each session, by its worksheet id' -r
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from new" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from new" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from list" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from add-member" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from add-member" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from add-member" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from attend" -l session -d 'The session: `before` for the one-to-one meeting before the group, or 1, 2, …' -r
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from attend" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from attend" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from attend" -l absent -d 'Mark them as not there instead (undoes a mark)'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from attend" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from score" -l session -d 'The session: `before`, or 1, 2, …' -r
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from score" -l answers -d 'Each question\'s answer, in order, separated by commas' -r
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from score" -l total -d 'The total only, when the answers were not written down' -r
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from score" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from score" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from score" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from show" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from export" -l out -d 'The file to write' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from export" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from export" -l csv -d 'Write CSV'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from export" -l pdf -d 'Write a PDF'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "new" -d 'Start a register for a run of a programme: `rapport register new "Tuesday group" --programme group-ipt --start 2026-11-03`. Prints the run\'s id'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the registers: id, name, programme, members'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "add-member" -d 'Add a member by a first name or a pseudonym'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "attend" -d 'Mark members as there at a session: `rapport register attend RUN --session 2 River Sam`'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "score" -d 'Record a member\'s measure at a session: each question\'s answer (for the PHQ-9, nine: `--answers 0,1,2,1,0,1,2,1,0`), or only the total (`--total 12`)'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the register: a row per member, attendance and score per session, and who to follow up and why'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the register as CSV (one row per member and session) or as a PDF (the table, the follow-ups and the charts)'
complete -c rapport -n "__fish_rapport_using_subcommand register; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -l due -d 'Show a notification if a reminder is due now, then exit (what the desktop\'s timer runs)'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -l dry-run -d 'With --due: print what would be shown and why, and show nothing'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -f -a "on" -d 'Turn reminders on (off by default). Without a choice of what, a moment each day'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -f -a "off" -d 'Turn reminders off, and remove the desktop entry that looks for them'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -f -a "snooze" -d 'No reminders for a while'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and not __fish_seen_subcommand_from on off snooze help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l weekly -d 'Once a week, on this day (e.g. monday)' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l programme -d 'This week\'s step of the programme you follow, on this day' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l check-in -d 'A check-in worksheet, e.g. phq9, every --every days since you last did it' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l every -d 'Days between check-ins' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l at -d 'The time of day from which a reminder may come, HH:MM' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l quiet-days -d 'Days with no reminders, separated by commas, e.g. sat,sun' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l quiet-hours -d 'Hours with no reminders, e.g. 22:00-07:00' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from on" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from off" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from off" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from off" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from snooze" -l days -d 'How many days' -r
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from snooze" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from snooze" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from snooze" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from help" -f -a "on" -d 'Turn reminders on (off by default). Without a choice of what, a moment each day'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from help" -f -a "off" -d 'Turn reminders off, and remove the desktop entry that looks for them'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from help" -f -a "snooze" -d 'No reminders for a while'
complete -c rapport -n "__fish_rapport_using_subcommand remind; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand backup" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand backup" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand backup" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand backups" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand backups" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand backups" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand restore" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand restore" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand restore" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand export" -l format -d 'csv: one row per entry; md: readable and printable; ron: an archive to import later' -r -f -a "csv\t'Comma-separated values: one row per entry, one column per field'
md\t'Markdown: readable and printable'
ron\t'A RON archive, which `rapport import` reads back'"
complete -c rapport -n "__fish_rapport_using_subcommand export" -l worksheet -d 'Only this worksheet\'s entries' -r
complete -c rapport -n "__fish_rapport_using_subcommand export" -l out -d 'The file to write' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rapport -n "__fish_rapport_using_subcommand import" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand import" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand check" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand check" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand check" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and not __fish_seen_subcommand_from on off change help" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and not __fish_seen_subcommand_from on off change help" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and not __fish_seen_subcommand_from on off change help" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and not __fish_seen_subcommand_from on off change help" -f -a "on" -d 'Protect the journal with a passphrase: every entry, earlier version, deleted entry, draft and backup is sealed'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and not __fish_seen_subcommand_from on off change help" -f -a "off" -d 'Remove the protection: every file becomes plain text again'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and not __fish_seen_subcommand_from on off change help" -f -a "change" -d 'Change the passphrase. Files are not rewritten'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and not __fish_seen_subcommand_from on off change help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from on" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from on" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from on" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from off" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from off" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from off" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from change" -l new-passphrase-file -d 'Read the new passphrase from the first line of FILE (the current one comes from --passphrase-file or the terminal)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from change" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from change" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from change" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from help" -f -a "on" -d 'Protect the journal with a passphrase: every entry, earlier version, deleted entry, draft and backup is sealed'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from help" -f -a "off" -d 'Remove the protection: every file becomes plain text again'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from help" -f -a "change" -d 'Change the passphrase. Files are not rewritten'
complete -c rapport -n "__fish_rapport_using_subcommand protect; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand demo-data" -l years -d 'How many years of entries, ending today' -r
complete -c rapport -n "__fish_rapport_using_subcommand demo-data" -l data-dir -d 'Use DIR as the data folder instead of the platform\'s (also: `RAPPORT_DATA_DIR`)' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand demo-data" -l passphrase-file -d 'Read the journal\'s passphrase from the first line of FILE instead of asking on the terminal (for scripts; keep the file private). For `protect on`, the new passphrase' -r -F
complete -c rapport -n "__fish_rapport_using_subcommand demo-data" -s h -l help -d 'Print help'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "worksheets" -d 'List the worksheets, or show the fields of one so you can write `rapport add` commands'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "programmes" -d 'List the programmes (for workshops, or to follow at home): ids, titles and sessions'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "add" -d 'Save an entry: `rapport add coping-skills intensity_before=8 situation="Argument at work"`'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "edit" -d 'Change answers of an entry: `rapport edit ENTRY_ID intensity_after=3`. Answers not given stay as they were; the previous version is kept'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "trash" -d 'List deleted entries, which `rapport restore-entry ID` brings back, or delete them for good: `rapport trash delete-forever ID --yes`, `rapport trash empty --yes`'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "restore-entry" -d 'Bring a deleted entry back from the trash'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "entries" -d 'List entries, newest first: date, worksheet and a one-line summary'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "progress" -d 'Print a worksheet\'s tracked ratings over time'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "chart" -d 'Draw a worksheet\'s progress chart to a PNG or SVG file'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "handout" -d 'Make a printable PDF handout of a worksheet (filled with your latest entry, or blank) or of a whole session: `rapport handout coping-skills --blank --out sheet.pdf`, `rapport handout --session group-ipt:2 --out session2.pdf`'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "share" -d 'Make a file to share your progress with your facilitator: only the numbers and dates of the series you name, under a pseudonym. Without --include, lists what you can share'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "group-summary" -d 'Summarise a folder of participants\' share files: per week, n, median and spread of each measure, and the change over the programme. Names every file skipped, with the reason'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "report" -d 'Make a one-page summary to take to an appointment (a PDF): your check-ins with their bands, what you practised, your focus and goals, and the ratings that changed most. Written answers go in only from the worksheets you name with --include-text'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "register" -d 'The facilitator\'s group register for a run of a programme: members by first name or pseudonym, attendance, a PHQ-9 per member per session, and who to follow up (question 9 above 0, a rise of 5 or more, two sessions missed in a row). Kept private in the data folder, sealed when the journal is protected'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "remind" -d 'Gentle reminders, off until you turn them on: `rapport remind on --weekly mon --at 19:00`. They never say what you wrote, a score or a worksheet\'s name. `rapport remind --due` shows one if it is due, then exits; the desktop\'s timer runs it while the app is closed'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "backup" -d 'Back up the whole journal now (one file per day, the newest 14 kept)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "backups" -d 'List the backups, newest first'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "restore" -d 'Restore a backup. The current journal is moved aside first, never deleted'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "export" -d 'Export the journal, or one worksheet\'s entries, as CSV, Markdown or a RON archive'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "import" -d 'Import a RON archive made by `rapport export --format ron`. Entries already in the journal are skipped; an entry whose id is taken by a different one is added under a new id'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "check" -d 'Check the workbook and the whole journal; print every problem and change nothing'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "protect" -d 'Protect the journal with a passphrase, remove the protection, or change the passphrase'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "demo-data" -d 'Fill an empty data folder with years of made-up entries, to try the app with a history'
complete -c rapport -n "__fish_rapport_using_subcommand help; and not __fish_seen_subcommand_from worksheets programmes add edit trash restore-entry entries progress chart handout share group-summary report register remind backup backups restore export import check protect demo-data help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from trash" -f -a "delete-forever" -d 'Delete one entry from the trash for good, with its earlier versions and any draft of it'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from trash" -f -a "empty" -d 'Delete everything in the trash for good, with the entries\' earlier versions and drafts'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from register" -f -a "new" -d 'Start a register for a run of a programme: `rapport register new "Tuesday group" --programme group-ipt --start 2026-11-03`. Prints the run\'s id'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from register" -f -a "list" -d 'List the registers: id, name, programme, members'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from register" -f -a "add-member" -d 'Add a member by a first name or a pseudonym'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from register" -f -a "attend" -d 'Mark members as there at a session: `rapport register attend RUN --session 2 River Sam`'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from register" -f -a "score" -d 'Record a member\'s measure at a session: each question\'s answer (for the PHQ-9, nine: `--answers 0,1,2,1,0,1,2,1,0`), or only the total (`--total 12`)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from register" -f -a "show" -d 'Show the register: a row per member, attendance and score per session, and who to follow up and why'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from register" -f -a "export" -d 'Write the register as CSV (one row per member and session) or as a PDF (the table, the follow-ups and the charts)'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from remind" -f -a "on" -d 'Turn reminders on (off by default). Without a choice of what, a moment each day'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from remind" -f -a "off" -d 'Turn reminders off, and remove the desktop entry that looks for them'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from remind" -f -a "snooze" -d 'No reminders for a while'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from protect" -f -a "on" -d 'Protect the journal with a passphrase: every entry, earlier version, deleted entry, draft and backup is sealed'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from protect" -f -a "off" -d 'Remove the protection: every file becomes plain text again'
complete -c rapport -n "__fish_rapport_using_subcommand help; and __fish_seen_subcommand_from protect" -f -a "change" -d 'Change the passphrase. Files are not rewritten'
