#!/usr/bin/env bash
# The main job on the bundled sample case: build reviewkit, check the sample case file and print
# its summary, then write every letter of the review for it into out/sample/letters/.
# The CLI is then at build/reviewkit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
case=samples/child-a/case.yaml
letters=templates/letters
out=out/sample/letters
echo
echo "\$ build/reviewkit validate $case"
build/reviewkit validate "$case"
echo
rm -rf "$out"
mkdir -p "$out"
run() { printf "$ build/reviewkit"; printf " %q" "$@"; echo; build/reviewkit "$@"; }
for single in board-email-draft coroner-letter cps-letter referrer-outcome extension-request; do
  run fill "$letters/$single.docx" "$case" -o "$out/$single.docx"
done
in_post='recipient.in_post != false'
run letters "$letters/board-members-notification.docx" "$case" --each contacts.board_members \
  -o "$out/board-members-notification" --name '{{ recipient.name }}'
run letters "$letters/agency-notification.docx" "$case" --each agencies \
  -o "$out/agency-notification" --name '{{ recipient.abbreviation }}'
run letters "$letters/imr-request.docx" "$case" --each agencies \
  --where 'recipient.contribution == "agency-report" or recipient.contribution == "statement-of-information"' \
  -o "$out/imr-request" --name '{{ recipient.abbreviation }}'
run letters "$letters/practitioner-letter.docx" "$case" --each professionals \
  --where "recipient.agency_report_author is defined and $in_post" \
  -o "$out/practitioner-letter" --name '{{ recipient.role_code }}'
run letters "$letters/family-letter.docx" "$case" --each family --where 'recipient.address is defined' \
  -o "$out/family-letter" --name '{{ recipient.pseudonym }}'
run letters "$letters/debrief-invitation.docx" "$case" --each professionals --where "$in_post" \
  -o "$out/debrief-invitation" --name '{{ recipient.role_code }}' --combined "$out/debrief-invitations-to-print.docx"
echo
echo "The sample's letters are in $out/"
