#!/usr/bin/env bash
# Writes every letter of the review for a case file, as DOCX and PDF: one `reviewkit letters` run
# per template in templates/letters/, to each recipient it is meant for (templates/letters/README.md
# lists them).
#   bash scripts/letters-for-sample.sh [CASE.yaml] [OUT_DIR] [REVIEWKIT]
set -euo pipefail
cd "$(dirname "$0")/.."
case=${1:-samples/child-a/case.yaml}
out=${2:-out/sample/letters}
bin=${3:-build/reviewkit}
letters=templates/letters
rm -rf "$out"
mkdir -p "$out"
# Echo each command as one would type it, then run it, writing each letter as DOCX and PDF.
run() {
  local shown="$ reviewkit" a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./,=:-]+$ ]]; then shown+=" $a"; else shown+=" '${a//\'/\'\\\'\'}'"; fi
  done
  echo "$shown --format docx,pdf"
  "$bin" "$@" --format docx,pdf
}
in_post='recipient.in_post != false'
run letters "$letters/board-members-notification.docx" "$case" --each contacts.board_members \
  -o "$out/board-members-notification" --name '{{ recipient.name }}'
run letters "$letters/agency-notification.docx" "$case" --each agencies \
  -o "$out/agency-notification" --name '{{ recipient.abbreviation }}'
run letters "$letters/board-email-draft.docx" "$case" --each contacts.board_members \
  -o "$out/board-email-draft" --name '{{ recipient.name }}'
run letters "$letters/practitioner-letter.docx" "$case" --each professionals \
  --where "recipient.agency_report_author is defined and $in_post" \
  -o "$out/practitioner-letter" --name '{{ recipient.role_code }}'
run letters "$letters/imr-request.docx" "$case" --each agencies \
  --where 'recipient.contribution == "agency-report" or recipient.contribution == "statement-of-information"' \
  -o "$out/imr-request" --name '{{ recipient.abbreviation }}'
run letters "$letters/coroner-letter.docx" "$case" --each contacts.coroner -o "$out/coroner-letter" --name 'Coroner'
run letters "$letters/cps-letter.docx" "$case" --each contacts.cps -o "$out/cps-letter" --name 'CPS'
run letters "$letters/family-letter.docx" "$case" --each family --where 'recipient.address is defined' \
  -o "$out/family-letter" --name '{{ recipient.pseudonym }}'
run letters "$letters/referrer-outcome.docx" "$case" --each contacts.referrer -o "$out/referrer-outcome" --name 'Referrer'
run letters "$letters/extension-request.docx" "$case" --each contacts.ofsted,contacts.national_panel \
  -o "$out/extension-request" --name '{{ recipient.organisation }}'
run letters "$letters/debrief-invitation.docx" "$case" --each professionals --where "$in_post" \
  -o "$out/debrief-invitation" --name '{{ recipient.role_code }}' --combined "$out/debrief-invitations-to-print.docx"
