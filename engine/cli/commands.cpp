#include "commands.hpp"

#include "common/suggest.hpp"

#include <algorithm>
#include <ostream>

namespace reviewkit::cli {

const std::string* Parsed::option(const std::string& name) const {
  for (const auto& [k, v] : options)
    if (k == name) return &v;
  return nullptr;
}

Parsed parse_arguments(const std::vector<std::string>& args, const std::vector<std::string>& with_value,
                       const std::vector<std::string>& flags, const std::string& command, std::ostream& err) {
  Parsed p;
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.size() < 2 || a[0] != '-' || a == "--") {
      p.positional.push_back(a);
      continue;
    }
    std::string value;
    bool has_inline = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      has_inline = true;
    }
    if (listed(with_value, a)) {
      if (!has_inline) {
        if (i + 1 >= args.size()) {
          err << "reviewkit " << command << ": error: " << a << " needs a value (reviewkit help " << command << ")\n";
          p.ok = false;
          continue;
        }
        value = args[++i];
      }
      p.options.push_back({a, value});
    } else if (listed(flags, a) && !has_inline) {
      p.options.push_back({a, ""});
    } else {
      std::vector<std::string> known = with_value;
      known.insert(known.end(), flags.begin(), flags.end());
      std::string guess = did_you_mean(a, known);
      err << "reviewkit " << command << ": error: unknown option '" << a << "' ("
          << (guess.empty() ? "" : guess + " ") << "reviewkit help " << command << " lists the options)\n";
      p.ok = false;
    }
  }
  return p;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "validate CASE.yaml [--today YYYY-MM-DD] [--quiet]",
       "check a case file and print a summary of the case",
       "Usage: reviewkit validate CASE.yaml [--today YYYY-MM-DD] [--quiet]\n\n"
       "Checks a case file: every key (misspelt keys get a 'did you mean'), required fields, types,\n"
       "dates that exist and follow each other (no decision before the referral), references between\n"
       "sections (an action's recommendation, a professional's agency, a person's parents), unique\n"
       "pseudonyms that give no real name away, duplicate keys, the board profile it names, and the\n"
       "agency chronology files it lists.\n\n"
       "Every problem is reported at once on stderr as FILE:LINE:COL: error: message (how to mend it).\n"
       "When there are none, prints a summary of the case: people, agencies, chronology,\n"
       "recommendations, the stage the review has reached (and what the next stage will need), key\n"
       "dates and the deadlines they imply (met, late, due, overdue: reviewkit timescales).\n\n"
       "A case file grows with the review: each field is required only from the stage that needs it\n"
       "(docs/case-file.md, Stages), and a date after --today is a plan that does not advance the stage.\n\n"
       "Options:\n"
       "  --today YYYY-MM-DD  judge the stage and the deadlines as of this date instead of today\n"
       "  --quiet             print nothing when the case file is valid\n\n"
       "Exit status: 0 valid (warnings may be printed); 1 the case file has errors or cannot be read;\n"
       "2 usage error.\n",
       validate_command},
      {"timescales", "timescales CASE.yaml [--today YYYY-MM-DD] [--json]",
       "every deadline of a review with its status: met, late, due or overdue",
       "Usage: reviewkit timescales CASE.yaml [--today YYYY-MM-DD] [--json]\n\n"
       "Prints the review's stage and every deadline its board profile's rules give for the case\n"
       "(templates/boards/BOARD.yaml, for the edition of Working Together the case follows): each with\n"
       "its due date and status as of today, one of\n"
       "  met      done on or before the deadline\n"
       "  late     done after the deadline (by how many days)\n"
       "  due      not done yet, the deadline is ahead\n"
       "  overdue  not done, the deadline has passed (by how many days)\n"
       "  waiting  the date it counts from is not recorded yet\n"
       "Deadlines of each agency (its report, its chronology) are listed by agency; recurring ones\n"
       "(monitoring reports) give the next date.\n\n"
       "Options:\n"
       "  --today YYYY-MM-DD  as of this date instead of today\n"
       "  --json              {\"stage\", \"deadlines\": [{\"id\", \"label\", \"rule\", \"due\", \"done\", \"status\",\n"
       "                      \"days_late\"}]} for other tools (dates YYYY-MM-DD or null)\n\n"
       "Exit status: 0 printed (whatever the statuses); 1 the case file has errors; 2 usage error.\n",
       timescales_command},
      {"chronology", "chronology template|check|merge ...",
       "agencies' chronology templates, their returns checked, merged into the integrated chronology",
       "Usage: reviewkit chronology template CASE.yaml (--agency ABBR[,ABBR] | --each) -o DIR [--format docx,xlsx,csv]\n"
       "                                      [--today YYYY-MM-DD] [--force]\n"
       "       reviewkit chronology check INPUT... [--case CASE.yaml] [--agency ABBR] [--sheet NAME]\n"
       "       reviewkit chronology merge INPUT... --case CASE.yaml -o OUT.docx|.pdf|.csv|.xlsx|.yaml\n"
       "                                      [--agency A,B] [--subject ID] [--from YYYY-MM-DD --to YYYY-MM-DD]\n"
       "                                      [--named] [--gap-days N] [--sheet NAME] [--force]\n\n"
       "template writes each agency's chronology template into DIR (ABBR-chronology.docx, .xlsx, .csv):\n"
       "the case header (the child by pseudonym, date of birth, language, ethnic origin, religion, legal\n"
       "status, child protection plans, the period under review, the subjects of the review), the\n"
       "source's rules for filling it in, lines for who completed it and when, and the table with the\n"
       "columns the board's profile sets (chronology_columns: chronolator, 004 e; milton-keynes, 003\n"
       "Appendix 4; enfield, 001 Appendix 3; templates/chronology/columns.yaml).\n\n"
       "check reads returns as agencies send them: the template filled in Word (.docx), a CSV (UTF-8,\n"
       "UTF-8 with a BOM, UTF-16 or Windows-1252 as Excel saves it), an Excel workbook (.xlsx: the\n"
       "first sheet, or --sheet NAME) or YAML (entries: as in a case file; a case file itself). Every\n"
       "problem is reported at once, FILE:ROW:COL for CSV and XLSX, FILE: word/document.xml \u00b6N (table\n"
       "row R, cell C) for Word, each naming the column's heading and quoting the cell: headings\n"
       "changed, added or removed (errors) or reordered (a warning: read by heading); mandatory cells\n"
       "empty; dates that are not dates (day first: 06/11/2023; ?06/11/2023 is approximate), periods\n"
       "in the date column; times not HH:MM on the 24-hour clock; child seen not Y or N; ages not\n"
       "whole numbers under 18; subjects who are not the case's people (with --case). Dates outside\n"
       "the period under review, estimated times the comment does not mark, and entries out of\n"
       "order are warnings. A return without an Agency column says its agency above the table\n"
       "('Agency: Housing'), or takes --agency, or its file's name. Inputs are never changed.\n\n"
       "merge checks the returns (nothing is written if any has errors) and writes the integrated\n"
       "chronology: every entry in date and time order (without a time first in its day; ties by\n"
       "agency in the case's order, then by the return's order), each with the return and row it came\n"
       "from; entries of different agencies about the same event (the same day, people and words)\n"
       "put together and marked; people by pseudonym and staff by role code, real names and places in\n"
       "the text replaced from the case (listed in the notes) unless --named asks for the restricted\n"
       "copy. The DOCX and PDF are landscape, grouped by month, the heading row on every page, the\n"
       "child-seen entries shaded, the security marking and page numbers on every page, followed by\n"
       "the analysis: when the child was seen and seen alone and whether wishes and feelings were\n"
       "recorded, per agency and overall; periods of more than --gap-days (the case's\n"
       "chronology.gap_days, else 28) without agency contact; contacts per agency per month. The\n"
       "XLSX has the entries and an Analysis sheet; the CSV the entries; the YAML is in the case\n"
       "file's chronology schema (a case can list it under chronology.files).\n\n"
       "Exit status: 0 done (warnings may be printed); 1 a return or the case has errors, or the output\n"
       "cannot be written; 2 usage error.\n",
       chronology_command},
      {"figure", "figure timeline|genogram CASE.yaml -o OUT.svg|.pdf|.png [--named] [--from D --to D] [--as-of D]",
       "draw the timeline of agency contact with the child, or the family's genogram",
       "Usage: reviewkit figure timeline CASE.yaml -o OUT.svg|.pdf|.png [--named] [--from YYYY-MM-DD --to YYYY-MM-DD]\n"
       "                                [--today YYYY-MM-DD] [--force]\n"
       "       reviewkit figure genogram CASE.yaml -o OUT.svg|.pdf|.png [--named] [--as-of YYYY-MM-DD]\n"
       "                                [--today YYYY-MM-DD] [--force]\n\n"
       "timeline: the case's chronology (chronology.entries and the files under chronology.files, e.g.\n"
       "the integrated chronology from reviewkit chronology merge) across the period under review (or\n"
       "--from/--to): one lane an agency, each contact a mark, contacts in which the child was seen a\n"
       "filled circle (ringed when seen alone), and across every lane the incident, the child-protection\n"
       "plans, births and deaths in the period and the case's chronology.key_events.\n\n"
       "genogram: the child's family (child, children, family, partnerships) with the standard symbols\n"
       "(004 k): who was born by --as-of (default: today), their ages, deaths, pregnancies and losses,\n"
       "twins, couples and how they ended, adoption and fostering, and the household as it was on that\n"
       "day, with a key and the security marking. Laid out automatically; see docs/genogram.md.\n\n"
       "The output's extension is the format: SVG and PDF are vector, PNG is 200 (timeline) or 300\n"
       "(genogram) dots per inch. People are named by pseudonym, or by name with --named (the restricted\n"
       "copy, marked as such).\n\n"
       "Exit status: 0 written; 1 the case file has errors or the output cannot be written; 2 usage error.\n",
       figure_command},
      {"scan", "scan DOC... --case CASE.yaml [--json] [--password-file FILE]",
       "find what in documents could identify the family",
       "Usage: reviewkit scan DOC... --case CASE.yaml [--json] [--password-file FILE] [--today YYYY-MM-DD]\n\n"
       "Reads each document (.docx: the body, headers, footers, footnotes, endnotes, comments and\n"
       "tracked changes with their authors, hidden text, text boxes, field codes, pictures' alternative text, hyperlink\n"
       "targets and the document's properties; .pdf: every page's text, annotations (comments and\n"
       "their authors, free text, links), bookmarks, the document information and XMP metadata, form\n"
       "fields (names, values, tooltips, what they show) and attachments (PDF, Word and text files\n"
       "read, others named in a warning); plain text; a file of another kind is an error) and reports, at its place with\n"
       "the text around it, every real name the case file holds (the family, the professionals, panel\n"
       "members not named in publication) and its parts, every date of birth in the ways people write\n"
       "one, addresses, phone numbers, e-mail addresses and the places the case names, and identifiers\n"
       "no case lists: NHS numbers (with their check digit), National Insurance numbers, postcodes,\n"
       "telephone numbers, e-mail addresses and vehicle registrations; initials (\"S.M.\", and \"SM\" next\n"
       "to a word that says a person is meant). Details that identify together with others are\n"
       "warnings: the child's exact date of death, an exact age in days, a named street, school or\n"
       "nursery, and an uncommon ethnicity in a document that also names a place. Each hit says what\n"
       "to write instead (the pseudonym, the role code, the job title). --json writes the hits as JSON.\n"
       "An encrypted PDF or .docx (Word's Encrypt with Password) is opened with --password-file FILE\n"
       "(its first line) or $REVIEWKIT_PASSWORD;\n"
       "without it, it is an error. A PDF's pictures (a scanned page) are not read.\n\n"
       "Exit status: 0 nothing that identifies anyone (warnings may be printed); 1 something found, or a\n"
       "document or the case cannot be read; 2 usage error.\n",
       scan_command},
      {"bundle", "bundle PATH... -o PACK.zip [--password-file FILE] [--force]",
       "put documents in one zip encrypted with AES-256, to send",
       "Usage: reviewkit bundle PATH... -o PACK.zip [--password-file FILE] [--force]\n\n"
       "Puts the files given, and every file in the folders given (each under its folder's name; links\n"
       "are not followed), into one zip whose every entry is encrypted with AES-256 (WinZip's AE-2,\n"
       "which 7-Zip, WinZip and the archivers of Windows 11 and macOS open), with the password from\n"
       "--password-file FILE (its first line), else $REVIEWKIT_PASSWORD, else asked for on the terminal\n"
       "(never on the command line). Send the password separately from the pack. The pack is written\n"
       "readable by its owner only (0600), complete or not at all; an existing PACK.zip is replaced\n"
       "only with --force. At most 10,000 files and 2 GB.\n\n"
       "Exit status: 0 written; 1 a file cannot be read or the pack cannot be written; 2 usage error or\n"
       "no password.\n",
       bundle_command},
      {"copies", "copies DOC.docx|DOC.pdf (--to RECIPIENTS.yaml | --case CASE.yaml [--contacts KEY,...]) -o DIR",
       "numbered copies of a restricted document, each marked with its recipient, and their sign-out register",
       "Usage: reviewkit copies DOC.docx|DOC.pdf (--to RECIPIENTS.yaml | --case CASE.yaml [--contacts KEY,KEY...]) -o DIR\n"
       "                        [--date YYYY-MM-DD] [--encrypt [--password-file FILE] | --own-passwords] [--force]\n\n"
       "Makes one PDF copy of the document for each recipient, numbered in the recipients' order, into\n"
       "DIR/'Copy 03 of 08 - NAME.pdf', with a sign-out register (Tameside's procedure, 002: each copy\n"
       "numbered, signed for by the person it is issued to, who leaves contact details). Every page of\n"
       "a copy carries 'Copy 3 of 8 \u2014 issued to NAME, ORGANISATION, DATE \u2014 RESTRICTED' at its top and\n"
       "its foot, outside the text, and 'COPY 3 OF 8 \u2014 RESTRICTED' large and light across it (the text\n"
       "under it stays readable); the marking is text, which search and copying find. A .docx is laid\n"
       "out as PDF first (as reviewkit render does); a .pdf is stamped as it is, whatever its pages'\n"
       "rotation and boxes; an encrypted PDF is refused. Copies are restricted documents, with real\n"
       "names: they are not scanned.\n\n"
       "DIR also gets register.docx (landscape A4, from templates/registers/copies-register.docx: the\n"
       "document's title and the number of copies, then a row a copy: copy, issued to, organisation,\n"
       "contact details, date issued, and ruled cells for the signature and the date returned) and\n"
       "register.csv (the same, UTF-8 with a BOM; a cell starting with = + - @ gets an apostrophe).\n\n"
       "Options:\n"
       "  --to FILE           the recipients: a YAML list of {name, organisation, role, email, phone,\n"
       "                      address} (name and organisation required); every problem is reported at\n"
       "                      once as FILE:LINE:COL; at most 200 recipients\n"
       "  --case CASE.yaml    the recipients from the case file's contacts: by default those 002 gives\n"
       "                      hard copies to, Ofsted (contacts.ofsted), the head of legal services and\n"
       "                      the director of children's services (contacts whose role names them), a\n"
       "                      warning for each the case lacks; the register's heading gets the case's\n"
       "                      reference and board\n"
       "  --contacts KEYS     with --case: these contacts instead, e.g. ofsted,board_members[0] (a list\n"
       "                      such as board_members gives every item; all gives every contact)\n"
       "  -o, --output DIR    the folder; one that holds files is refused unless --force (same names are\n"
       "                      replaced; an earlier run's copies it does not replace are named in a\n"
       "                      warning). Everything is written all or none, files 0600\n"
       "  --date YYYY-MM-DD   the date of issue on the copies and in the register (default: today)\n"
       "  --encrypt           encrypt every copy (AES-256) with one password, from --password-file FILE,\n"
       "                      else $REVIEWKIT_PASSWORD, else asked for on the terminal; never on the\n"
       "                      command line\n"
       "  --own-passwords     encrypt each copy with its own random password (4 groups of 5 letters and\n"
       "                      digits), listed in DIR/passwords.csv: send each separately from its copy\n"
       "  --force             write into a folder that already holds files\n\n"
       "Exit status: 0 written; 1 the document, the recipients or the case have problems, or the folder\n"
       "cannot be written (nothing is written); 2 usage error.\n",
       copies_command},
      {"fill", "fill TEMPLATE.docx DATA.yaml -o OUT.docx|OUT.pdf [--lenient] [--format docx,pdf] [--encrypt] [--force]",
       "fill a Word template, or a PDF form, from YAML data",
       "Usage: reviewkit fill TEMPLATE.docx DATA.yaml -o OUT.docx|OUT.pdf [--lenient] [--format docx|pdf|docx,pdf]\n"
       "                      [--pdf] [--encrypt [--password-file FILE]] [--today YYYY-MM-DD] [--force]\n"
       "       reviewkit fill FORM.pdf DATA.yaml -o OUT.pdf [--flatten] [--lenient] [--encrypt ...] [--force]\n\n"
       "Fills every tag of a Word template ({{ child.pseudonym }}, {% if %}, {% for %}; see\n"
       "docs/template-language.md) in its body, headers, footers, footnotes and text boxes from any YAML\n"
       "file. When DATA.yaml is a case file (it starts with reviewkit: 1) it is validated first and the\n"
       "template can also read the derived values (ages, deadlines, board.*; see docs/case-file.md).\n"
       "Everything the tags do not touch (styles, letterhead, images, numbering) is kept as it is.\n\n"
       "A PDF form (FORM.pdf, e.g. from reviewkit form build) is filled field by field: a field's tooltip\n"
       "holding {{ ... }} is filled from the data, otherwise the field's own name is looked up; fields the\n"
       "data says nothing about are left for the reader. --flatten draws the values into the page and\n"
       "removes the fields (docs/forms.md).\n\n"
       "Every problem in the template or the data is reported at once as\n"
       "  TEMPLATE.docx: word/document.xml \u00b6N: error: message in \"paragraph text\" (hint)\n"
       "and nothing is written.\n\n"
       "Options:\n"
       "  -o, --output FILE   where to write the filled document (written whole or not at all); its\n"
       "                      extension (.docx or .pdf, in any case) is the format, and any other is refused;\n"
       "                      with --format docx,pdf both files are written beside each other, both or\n"
       "                      neither. -o - writes the document to standard output (docx, or --format pdf)\n"
       "  --force             replace an existing output file (without it, an existing file is refused)\n"
       "  --lenient           render missing values as empty, with a warning for each, instead of failing\n"
       "  --format F          docx, pdf or docx,pdf (both, beside each other); --pdf is short for --format pdf\n"
       "  --encrypt           protect the output with the password from --password-file FILE, else\n"
       "                      $REVIEWKIT_PASSWORD, else asked for on the terminal; never on the command line:\n"
       "                      a PDF is encrypted with AES-256, a .docx as Word's Encrypt with Password does\n"
       "                      (AES-256; Word and LibreOffice ask for the password). docs/security.md\n"
       "  --assets DIR        a folder pictures may also come from ({% image %}); otherwise only the data\n"
       "                      file's and the template's folders (absolute paths and '..' out are refused)\n"
       "  --flatten           PDF forms: draw the values into the page and remove the fields\n"
       "  --today YYYY-MM-DD  the date templates see as 'today' and deadlines are judged by\n\n"
       "Exit status: 0 written; 1 the template or data has problems, or the output cannot be written;\n"
       "2 usage error.\n",
       fill_command},
      {"letters", "letters TEMPLATE.docx DATA.yaml --each PATH -o DIR [--as NAME] [--where COND] [--name PATTERN] [--combined FILE]",
       "one letter for each item of a list, in bulk",
       "Usage: reviewkit letters TEMPLATE.docx DATA.yaml --each PATH (-o DIR | --combined FILE.docx)\n"
       "                         [--as NAME] [--where CONDITION] [--name PATTERN] [--force] [--lenient]\n"
       "                         [--format docx|pdf|docx,pdf] [--pdf] [--encrypt [--password-file FILE]]\n\n"
       "Writes one letter for each item of the list at PATH in the data (agencies, contacts.board_members,\n"
       "family), or for the contact at PATH (contacts.coroner), the recipient bound as 'recipient' (or NAME)\n"
       "beside the rest of the data, so the template\n"
       "writes {{ recipient.name }} and still reads {{ review.reference }}.\n\n"
       "All or nothing: when any letter cannot be filled, no letter is left behind and every failing\n"
       "recipient is listed. The template is read and compiled once and filled for each letter.\n\n"
       "Options:\n"
       "  --each PATH         who to write to, as a template path: a list (agencies, panel.members) gives a\n"
       "                      letter for each item, a map (contacts.coroner) one letter; several paths\n"
       "                      separated by commas are written to in turn (contacts.ofsted,contacts.national_panel)\n"
       "  -o, --output DIR    the folder for the letters; a folder that holds files is refused unless --force\n"
       "                      (DIR and DIR/ are the same; -o -, standard output, is refused: it holds one document)\n"
       "  --as NAME           the name each item is bound to (default: recipient)\n"
       "  --where CONDITION   only the items for which CONDITION holds, in the template language:\n"
       "                      --where 'recipient.address is defined', --where 'recipient.contribution != \"none\"'\n"
       "  --name PATTERN      file names in the template language, e.g. '{{ recipient.abbreviation }} letter';\n"
       "                      default: the item's number from 1, zero-padded to the width of the count\n"
       "                      (1.docx for up to 9 letters, 001.docx for up to 999). Names are made safe\n"
       "                      for every filesystem; two letters never overwrite each other (the second\n"
       "                      becomes 'NAME (2).docx')\n"
       "  --combined FILE     also (or instead) write all letters in one document (.docx or .pdf), each\n"
       "                      starting on a new page with its own page numbers, for printing a batch\n"
       "  --force             write into a folder that already holds files (same names are replaced), and\n"
       "                      replace an existing --combined file\n"
       "  --lenient           render missing values as empty, with a warning for each\n"
       "  --assets DIR        a folder pictures may also come from ({% image %}); otherwise only the data\n"
       "                      file's and the template's folders (absolute paths and '..' out are refused)\n"
       "  --format F          docx, pdf or docx,pdf for each letter; --pdf is short for --format pdf\n"
       "  --encrypt           protect every letter and the --combined file with the password from\n"
       "                      --password-file FILE, else $REVIEWKIT_PASSWORD, else asked for on the terminal;\n"
       "                      never on the command line (PDF: AES-256; .docx: Word's Encrypt with Password)\n"
       "  --today YYYY-MM-DD  the date templates see as 'today'\n\n"
       "The folder and the --combined file are one output: both appear, or neither. Letters are written\n"
       "into a private staging folder and moved into place at the end; Ctrl-C leaves nothing behind, and\n"
       "a second run writing to the same place waits for the first.\n\n"
       "A progress bar shows on stderr when it is a terminal; a summary line ends the run.\n\n"
       "Exit status: 0 every letter written; 1 a letter could not be filled, an input cannot be read or the\n"
       "folder cannot be written (nothing is left behind); 2 usage error.\n",
       letters_command},
      {"generate", "generate CASE.yaml --doc ID[,ID...] | --all -o DIR [--format docx,pdf] [--force]",
       "make the review's documents (templates/documents.yaml) from a case file",
       "Usage: reviewkit generate CASE.yaml (--doc ID[,ID...] | --all) -o DIR [--format docx|pdf|docx,pdf] [--pdf]\n"
       "                          [--encrypt [--password-file FILE]] [--force] [--lenient] [--today YYYY-MM-DD]\n"
       "                          [--documents FILE] [--allow TEXT[,TEXT...]] [--replace-names]\n\n"
       "Makes documents of the kinds templates/documents.yaml declares (reviewkit documents lists them),\n"
       "each for all its recipients, into DIR/ID/: one file a recipient, named as the kind says. --all\n"
       "makes every kind the case's stage allows (a kind can be made once the case records its review\n"
       "date, e.g. review.dates.decision) and says which it left out and why; --doc makes those named,\n"
       "and a kind the case has not reached is an error. A kind of an event the case records (dated:\n"
       "in documents.yaml: the decision notice on the day it was sent) is dated that day and filled\n"
       "from the case as it stood then: its stage, its deadlines and the events recorded by that day.\n\n"
       "All or nothing: every document is filled and laid out into private staging folders first, and\n"
       "moved into place only when all could be made; every problem of every document is reported.\n"
       "An anonymised or published document is scanned before it is written (reviewkit help scan):\n"
       "a real name, a date of birth, an address or an identifier in it is an error at its place;\n"
       "one the case file's own text carries there (an event's description) is told at the case\n"
       "file's line and column, so that the author mends it once, at the source.\n\n"
       "Options:\n"
       "  --doc ID[,ID...]    the kinds to make (agency-notification,coroner-letter)\n"
       "  --all               every kind the case's stage allows\n"
       "  -o, --output DIR    where the kinds' folders go; a kind's folder that holds files is refused\n"
       "                      unless --force (same names are replaced)\n"
       "  --format F          docx, pdf or docx,pdf for every document (default: each kind's formats)\n"
       "  --encrypt           protect every document (.docx as Word's Encrypt with Password does, PDF with\n"
       "                      AES-256) with the password from --password-file FILE, else $REVIEWKIT_PASSWORD,\n"
       "                      else asked for on the terminal. A board whose profile says protect_documents:\n"
       "                      reference_number (Milton Keynes) has every document protected with the case's\n"
       "                      review.reference when no password is given, with a warning: it is a weak one\n"
       "  --lenient           render missing values as empty, with a warning for each\n"
       "  --documents FILE    another documents file instead of templates/documents.yaml\n"
       "  --allow TEXT,...    texts an anonymised or published document may hold all the same (a\n"
       "                      deliberate exception: each hit is printed as a warning and recorded in\n"
       "                      the document's properties)\n"
       "  --replace-names     put the pseudonym in for a real name the case file's text holds, in\n"
       "                      anonymised and published documents: each replacement is printed as a\n"
       "                      note and recorded in the document's properties (never the real name); a\n"
       "                      surname several people share, a date of birth or an NHS number cannot\n"
       "                      be replaced and is refused at its line and column\n"
       "  --today YYYY-MM-DD  the date templates see as 'today' and deadlines are judged by\n\n"
       "Exit status: 0 every document written; 1 the case or a document has problems, or a kind asked\n"
       "for cannot be made yet (nothing is written); 2 usage error.\n",
       generate_command},
      {"documents", "documents [CASE.yaml] [--today YYYY-MM-DD]",
       "list the documents reviewkit makes, and which a case's stage allows",
       "Usage: reviewkit documents [CASE.yaml] [--today YYYY-MM-DD] [--documents FILE]\n\n"
       "Lists every kind of document of templates/documents.yaml: its id and title, its audience\n"
       "(restricted: real names allowed; anonymised: pseudonyms only, for the panel and the board;\n"
       "published: pseudonyms only), its formats, the review date from which it can be made and who it\n"
       "is for. With a case file, the audiences are those of the case's board profile, and each kind\n"
       "says whether it can be made now and for how many recipients, or why not yet.\n\n"
       "Exit status: 0 listed; 1 the case file or the documents file has problems; 2 usage error.\n",
       documents_command},
      {"render", "render IN.docx -o OUT.pdf [--encrypt] [--force]", "lay a Word document out as a PDF, without an office suite",
       "Usage: reviewkit render IN.docx -o OUT.pdf [--encrypt [--password-file FILE]] [--force]\n\n"
       "Lays a Word document out natively and writes it as a PDF: fonts embedded as subsets (Arial, Times\n"
       "New Roman, Calibri and Cambria drawn with their metric-compatible Liberation, Carlito and Caladea\n"
       "fonts), headers and footers with page numbers, tables, numbered lists, pictures, links, and the\n"
       "headings as the PDF's outline. Content it does not support is still shown as text in place and\n"
       "named once as a warning; a font that is not installed is replaced, with a warning.\n"
       "OUT.pdf must end in .pdf (in any case); -o - writes the PDF to standard output.\n"
       "An existing OUT.pdf is replaced only with --force. --encrypt encrypts the PDF (AES-256) with the\n"
       "password from --password-file FILE, else $REVIEWKIT_PASSWORD, else asked for on the terminal.\n\n"
       "Exit status: 0 written; 1 the document cannot be read or the PDF cannot be written; 2 usage error.\n",
       render_command},
      {"form", "form build FORM.yaml -o FORM.pdf | form read FILLED.pdf [-o ANSWERS.yaml]",
       "make a fillable PDF form from its description, or read a filled one back",
       "Usage: reviewkit form build FORM.yaml -o FORM.pdf [--force]\n"
       "       reviewkit form read FILLED.pdf [-o ANSWERS.yaml] [--password-file FILE] [--force]\n\n"
       "build lays out a form described in YAML (templates/forms/: sections of labelled fields — text,\n"
       "multiline, checkbox, choice — and criteria answered Yes / No / Partially with a comment) as a PDF\n"
       "with fillable fields, so a board changes a form without a PDF editor. A field's tooltip may hold\n"
       "a template expression ({{ child.pseudonym }}) that reviewkit fill puts in.\n\n"
       "read writes the values of a filled form as YAML (to stdout, or -o FILE; -o - is stdout too): field: value, and each\n"
       "criterion as ID: {answer: Yes, comment: ...}. An encrypted form opens with --password-file FILE or\n"
       "$REVIEWKIT_PASSWORD.\n\n"
       "To fill a form: reviewkit fill FORM.pdf DATA.yaml -o OUT.pdf [--flatten] [--lenient] [--encrypt].\n"
       "An existing output is replaced only with --force.\n\n"
       "Exit status: 0 done; 1 the description or the PDF has problems, or the output cannot be written;\n"
       "2 usage error.\n",
       form_command},
  };
  return table;
}

}  // namespace reviewkit::cli
