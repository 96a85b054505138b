/**
 * The English catalog: every sentence the site, its images and the drafts show that does not come
 * from the owner's files. It is the default, and the reference the other catalogs follow: its keys
 * are the only keys (see `Catalog` in ./catalog.ts), its placeholders the only placeholders.
 *
 * Each entry says where it shows (`where`, for people; `shows`, for the test that checks every
 * override reaches its place) and its text, an ICU MessageFormat message: `{owner_first_name}` is
 * a value, `{count, plural, one {# testimonial} other {# testimonials}}` a plural, `<link>…</link>`
 * the part of a sentence that is a link. A literal `{` or `<` is written `'{'`, `'<'`.
 *
 * Register: the owner speaks ("me", "my site") to a partner or a prospect ("you"), warm and
 * plain. The defaults promise nothing on the owner's behalf (no "free", no "no obligation", nothing
 * about what the owner will do): that is what `promise` in kit.yaml is for.
 */
import type { CatalogSource } from './catalog-types.ts';

export const englishSource = {
  // Every page
  skip_link: { where: 'Every page: the first link, for keyboard users', shows: ['home', 'prospect', 'testimonials', 'kit', 'pocket-card'], text: 'Skip to content' },
  footer_testimonials_link: { where: 'Footer of the public pages: link to the testimonials page', shows: ['home', 'prospect', 'testimonials'], text: 'What clients say' },
  home_preview_alt: { where: 'Home page: description of its link-preview image', shows: ['home'], text: '{owner_name}, {owner_business}: {one_liner}' },
  closing_title: { where: 'Home, prospect and testimonials pages: heading above the last call to action', shows: ['home', 'prospect', 'testimonials'], text: 'Get in touch' },
  cta_book: { where: 'Home, prospect and testimonials pages: booking button (with booking_url)', shows: ['home', 'prospect', 'testimonials'], text: 'Book a call with {owner_first_name}' },
  cta_email: { where: 'Home, prospect and testimonials pages: email button', shows: ['home', 'prospect', 'testimonials'], text: 'Email {owner_first_name}' },
  about_what_title: { where: 'Home and prospect pages: heading above your pitch', shows: ['home', 'prospect'], text: 'What I do' },
  about_who_title: { where: 'Home and prospect pages: heading above your ideal client', shows: ['home', 'prospect'], text: 'Who I work with' },
  about_signals_title: { where: 'Home and prospect pages: heading above the signals', shows: ['home', 'prospect'], text: 'You might recognise this' },
  testimonials_heading: { where: 'Home and prospect pages: heading above the newest testimonials', shows: ['home', 'prospect'], text: 'What clients say' },
  testimonials_all_link: { where: 'Home and prospect pages: link to every testimonial (when there are more than three)', shows: ['home', 'prospect'], text: 'Read all {count, number} testimonials' },

  // Home page
  home_email_subject: { where: 'Home and testimonials pages: subject of the email a visitor sends you', shows: ['home', 'testimonials'], text: 'Hello from your website' },
  home_closing: { where: 'Home page: the sentence above the last call to action', shows: ['home'], text: 'Tell me a little about what you need.' },

  // Testimonials page
  testimonials_page_title: { where: 'Testimonials page: title (browser tab, link preview)', shows: ['testimonials'], text: 'What clients say about {owner_name}' },
  testimonials_page_description: {
    where: 'Testimonials page: description for search engines and link previews',
    shows: ['testimonials'],
    text: 'Clients of {owner_business} on working with {owner_name}.',
  },
  testimonials_page_heading: { where: 'Testimonials page: main heading', shows: ['testimonials'], text: 'What clients say' },
  testimonials_none: { where: 'Testimonials page, when no testimonial has consent', shows: ['testimonials'], when: 'no testimonial has consent', text: 'No testimonials are published yet.' },
  testimonial_share_images: { where: 'Testimonials page: before the download links of each testimonial', shows: ['testimonials'], text: 'Share as an image:' },
  testimonial_image_alt: { where: 'Kit and testimonials pages: description of a testimonial image', shows: ['kit', 'testimonials'], text: '{author} on {owner_name}: “{quote}”' },

  // Prospect page /for/<slug>/
  prospect_title: { where: 'Prospect page: title (browser tab, link preview)', shows: ['prospect'], text: '{partner_name} introduced you to {owner_name}' },
  prospect_description: { where: 'Prospect page: description in link previews', shows: ['prospect'], text: '{partner_name} thinks you should meet {owner_name}. {one_liner}' },
  prospect_preview_alt: { where: 'Prospect page: description of its link-preview image', shows: ['prospect'], text: '{partner_name} recommends {owner_name}: {one_liner}' },
  prospect_eyebrow: { where: 'Prospect page and its link-preview image: small line above the heading', shows: ['prospect', 'prospect-image'], text: 'A personal introduction' },
  prospect_heading: { where: 'Prospect page: main heading', shows: ['prospect'], text: '{partner_name} introduced you to {owner_name}' },
  prospect_email_subject: { where: 'Prospect page: subject of the email a prospect sends you', shows: ['prospect'], text: 'Introduced by {partner_name}' },
  prospect_email_body: { where: 'Prospect page: start of the email a prospect sends you', shows: ['prospect'], text: 'Hi {owner_first_name},\n\n{partner_name} suggested I get in touch.\n\n' },
  prospect_closing: {
    where: 'Prospect page: the sentence above the last call to action',
    shows: ['prospect'],
    text: '{partner_first_name} thought we should meet. When you get in touch, mention {partner_first_name}.',
  },
  prospect_image_headline: { where: 'Link-preview image of a prospect page: the headline', shows: ['prospect-image'], text: '{partner_name} recommends {owner_name}' },

  // Partner kit /kit/<token>/
  kit_title: { where: 'Kit page: title (browser tab)', shows: ['kit'], text: 'Your introduction kit, {partner_first_name} · {owner_name}' },
  kit_description: { where: 'Kit page: description in link previews', shows: ['kit'], text: 'What to say when you introduce someone to {owner_name} of {owner_business}.' },
  kit_eyebrow: { where: 'Kit page: small line above the heading', shows: ['kit'], text: 'Introduction kit for {partner_name}' },
  kit_heading: { where: 'Kit page: main heading', shows: ['kit'], text: 'Hi {partner_first_name}, here is how to introduce people to me' },
  kit_greeting: {
    where: 'Kit page: your greeting, when the partner file has no message',
    shows: ['kit'],
    text: 'Everything here is written in your name and ready to copy: who to look out for, what to say, and what happens after you make an introduction.',
  },
  kit_one_liner_title: { where: 'Kit page: label above your one-liner', shows: ['kit'], text: 'In one sentence' },
  kit_copy_one_liner: { where: "Kit page: what screen readers say for the one-liner's copy button", shows: ['kit'], text: 'Copy the one-sentence description' },
  kit_email_button: { where: 'Kit page, first screen: button that opens the email introduction', shows: ['kit'], text: 'Introduce by email' },
  kit_copy_link_button: { where: 'Kit page, first screen: button that copies the share link', shows: ['kit'], text: 'Copy your link' },
  kit_copy_link_label: { where: "Kit page: what screen readers say for the share link's copy button", shows: ['kit'], text: 'Copy your link to share' },
  kit_share_title: { where: 'Kit page: heading above the share link', shows: ['kit'], text: 'Your link to share' },
  kit_share_text: { where: 'Kit page: under the share link', shows: ['kit'], text: 'Give this link to anyone you introduce: the page says you sent them.' },
  kit_share_title_no_page: { where: 'Kit page of a partner with share_page: false: heading above the link to your site', shows: ['kit'], text: 'Where to send people' },
  kit_share_text_no_page: {
    where: 'Kit page of a partner with share_page: false: under the link to your site',
    shows: ['kit'],
    text: 'Send people to my site, and ask them to mention your name when they get in touch.',
  },
  kit_who_title: { where: 'Kit page: heading above your ideal client', shows: ['kit'], text: 'Who to introduce' },
  kit_signals_title: { where: 'Kit page: heading above the signals', shows: ['kit'], text: 'Listen for' },
  kit_not_a_fit_title: { where: 'Kit page: heading above who is not a fit', shows: ['kit'], text: 'Not a fit' },
  kit_aside: { where: 'Kit page: under who to introduce', shows: ['kit'], text: "You don't have to decide whether someone needs me: an introduction is enough." },
  kit_say_title: { where: 'Kit page: heading above the scripts', shows: ['kit'], text: 'What to say' },
  kit_say_lead: { where: 'Kit page: under "What to say"', shows: ['kit'], text: 'Ready to use, already in your name. Copy it as it is, or make it sound like you.' },
  kit_next_title: { where: 'Kit page: heading above your promise', shows: ['kit'], text: 'What happens after you introduce someone' },
  kit_images_title: { where: 'Kit page: heading above the images to download', shows: ['kit'], text: 'Share it as an image' },
  kit_images_lead: {
    where: 'Kit page: under "Share it as an image"',
    shows: ['kit'],
    text: 'Your card, with a QR code to {share_page, select, true {your link} other {my site}}, for a post, an email or a message.',
  },
  kit_pocket_card: { where: 'Kit page: link to the printable pocket card', shows: ['kit'], text: '<link>Print a pocket card</link> to hand out at meetings and events.' },
  kit_testimonials_title: { where: 'Kit page: heading above the testimonial images', shows: ['kit'], text: 'What clients say, ready to share' },
  kit_testimonials_all: {
    where: 'Kit page: link to every testimonial (when there are more than six)',
    shows: ['kit'],
    text: '<link>All {count, number} testimonials</link>, each with its images to download.',
  },
  kit_both_ways_title: { where: 'Kit page: heading of the last section', shows: ['kit'], text: 'Who can I introduce you to?' },
  kit_both_ways_text: { where: 'Kit page: text of the last section', shows: ['kit'], text: 'Introductions can go both ways. Tell me who you would like to meet.' },
  kit_both_ways_button: { where: 'Kit page: button of the last section (opens an email to you)', shows: ['kit'], text: "Tell {owner_first_name} who you'd like to meet" },
  kit_both_ways_subject: { where: 'Kit page: subject of the email that button opens', shows: ['kit'], text: "Who I'd like to meet" },
  kit_both_ways_body: { where: 'Kit page: start of the email that button opens', shows: ['kit'], text: "Hi {owner_first_name},\n\nI'd like to be introduced to: " },
  image_download_wide: { where: 'Kit page: download link of a 1200×630 image', shows: ['kit'], text: 'Download for posts and email' },
  image_download_square: { where: 'Kit page: download link of a 1080×1080 image', shows: ['kit'], text: 'Download for LinkedIn and Instagram' },
  card_image_alt: { where: "Kit and pocket-card pages: description of the partner's card image", shows: ['kit', 'pocket-card'], text: 'Recommended by {partner_name}: {one_liner}' },

  // Script cards on the kit page
  channel_one_liner: { where: 'Kit page: label of one-liner scripts', shows: ['kit'], text: 'The short version' },
  channel_email_intro: { where: 'Kit page: label of email-intro scripts', shows: ['kit'], text: 'Email introduction' },
  channel_phone: { where: 'Kit page: label of phone scripts', shows: ['kit'], text: 'On the phone' },
  channel_linkedin: { where: 'Kit page: label of linkedin scripts', shows: ['kit'], text: 'LinkedIn' },
  channel_text: { where: 'Kit page: label of text-message scripts', shows: ['kit'], text: 'Text message' },
  channel_in_person: { where: 'Kit page: label of in-person scripts', shows: ['kit'], text: 'In person' },
  script_subject_label: { where: "Kit page: before an email script's subject", shows: ['kit'], text: 'Subject:' },
  script_subject_default: { where: 'Kit page: subject of an email-intro script that sets no subject', shows: ['kit'], text: 'Introducing {owner_name}' },
  script_copy: { where: 'Kit page: text of every copy button', shows: ['kit'], text: 'Copy' },
  script_copy_label: { where: "Kit page: what screen readers say for a script's copy button", shows: ['kit'], text: 'Copy “{title}”' },
  copy_done: { where: "Kit page: a copy button's words for a moment after it copied", shows: ['kit'], text: 'Copied' },
  copy_failed: { where: "Kit page: a copy button's words when the browser would not copy", shows: ['kit'], text: 'Select and copy' },
  copy_done_status: { where: 'Kit page: what screen readers hear after a copy', shows: ['kit'], text: 'Copied to the clipboard' },
  copy_failed_status: { where: 'Kit page: what screen readers hear when copying failed', shows: ['kit'], text: 'Copy failed: select the text and copy it' },
  script_open_email: { where: 'Kit page: button of an email script', shows: ['kit'], text: 'Open as an email' },
  script_email_hint: { where: 'Kit page: under the email buttons', shows: ['kit'], text: "Opens your email app with {owner_email} copied in; add the person you're introducing." },

  // Pocket card /kit/<token>/card/ and the card images
  pocket_title: { where: 'Pocket-card page: title (browser tab)', shows: ['pocket-card'], text: 'Pocket card from {partner_name} · {owner_name}' },
  pocket_description: { where: 'Pocket-card page: description', shows: ['pocket-card'], text: 'A printable card introducing {owner_name}.' },
  pocket_back: { where: 'Pocket-card page: link back to the kit', shows: ['pocket-card'], text: '← Back to your kit' },
  pocket_heading: { where: 'Pocket-card page: main heading', shows: ['pocket-card'], text: 'Your pocket card' },
  pocket_instructions: {
    where: 'Pocket-card page: how to print it',
    shows: ['pocket-card'],
    text: 'It prints at A6 size (105 × 148 mm): on A6 card, or on a larger sheet you trim along the edge. Anyone who scans the code lands on your page.',
  },
  pocket_label: { where: 'Pocket-card page: what screen readers call the card', shows: ['pocket-card', 'pocket-sheet'], text: 'Pocket card' },
  print_button: { where: 'Pocket-card page: print button', shows: ['pocket-card'], text: 'Print' },
  card_eyebrow: { where: 'Pocket card and card images: line at the top', shows: ['pocket-card', 'pocket-sheet', 'card-image'], text: 'Recommended by {partner_name}' },
  card_scan: { where: 'Pocket card and card images: beside the QR code', shows: ['pocket-card', 'pocket-sheet', 'card-image'], text: 'Scan to meet {owner_first_name}' },
  qr_label: { where: 'Pocket card: what screen readers say for the QR code', shows: ['pocket-card', 'pocket-sheet'], text: 'QR code for {url}' },

  kit_pocket_sheet: { where: 'Kit page: link to four pocket cards on one A4 sheet', shows: ['kit'], text: '<link>Or four cards on one A4 sheet</link>, to cut out.' },
  pocket_sheet_link: { where: 'Pocket-card page: link to the A4 sheet of four', shows: ['pocket-card'], text: 'Print four on an A4 sheet instead' },
  pocket_signals: { where: 'Pocket card: heading above two of your signals', shows: ['pocket-card', 'pocket-sheet'], text: 'Sound familiar?' },
  sheet_title: { where: 'A4 sheet of pocket cards: title (browser tab)', shows: ['pocket-sheet'], text: 'Pocket cards from {partner_name} · {owner_name}' },
  sheet_description: { where: 'A4 sheet of pocket cards: description', shows: ['pocket-sheet'], text: 'Four printable cards introducing {owner_name}, on one A4 sheet.' },
  sheet_heading: { where: 'A4 sheet of pocket cards: main heading', shows: ['pocket-sheet'], text: 'Four pocket cards on one sheet' },
  sheet_instructions: {
    where: 'A4 sheet of pocket cards: how to print and cut it',
    shows: ['pocket-sheet'],
    text: 'Print this page on A4 paper or card at 100% (not "fit to page"), then cut along the dashed lines: four A6 cards to hand out.',
  },
  sheet_single_link: { where: 'A4 sheet of pocket cards: link to the single A6 card', shows: ['pocket-sheet'], text: 'One card on A6 instead' },
  not_found_title: { where: 'The page for an unknown address (404): title (browser tab) and description', shows: ['not-found'], text: 'Page not found' },
  not_found_heading: { where: 'The page for an unknown address (404): main heading', shows: ['not-found'], text: 'There is no page at this address' },
  not_found_body: {
    where: 'The page for an unknown address (404): below the heading',
    shows: ['not-found'],
    text: 'The link may be mistyped, or it may be an old one. If someone sent it to you, ask them for the link again.',
  },
  not_found_home: { where: 'The page for an unknown address (404): button to the home page', shows: ['not-found'], text: "Go to {owner_first_name}'s home page" },
  // Testimonials: the disclosure line, on pages and testimonial images
  disclosure_compensated: {
    where: 'Testimonials on pages and images: disclosure of a testimonial with compensated: true',
    shows: ['home', 'prospect', 'testimonials', 'testimonial-image'],
    text: 'compensated for this testimonial',
  },
  disclosure_not_compensated: {
    where: 'Testimonials on pages and images: disclosure of a testimonial with compensated: false',
    shows: ['home', 'prospect', 'testimonials', 'testimonial-image'],
    text: 'not compensated',
  },

  // Kit page: asking the partner for a testimonial (testimonials.ask_on_kit)
  testimonial_ask_title: {
    where: 'Kit page with testimonials.ask_on_kit: heading of the section that asks for a testimonial',
    shows: ['kit'],
    text: 'Would you say a sentence about working with me?',
  },
  testimonial_ask_intro: {
    where: 'Kit page with testimonials.ask_on_kit: text of that section',
    shows: ['kit'],
    text: 'If you have a moment, write a sentence or two about working with {owner_name}. It goes to {owner_first_name} by email, from your own mail app, and is only shared with your permission.',
  },
  testimonial_ask_button: { where: 'Kit page with testimonials.ask_on_kit: button that opens the email', shows: ['kit'], text: 'Write it in an email' },
  testimonial_ask_subject: { where: 'Kit page with testimonials.ask_on_kit: subject of that email', shows: ['kit'], text: 'A few words about working with {owner_name}' },
  testimonial_ask_words_start: {
    where: "Kit page with testimonials.ask_on_kit: the line above the partner's words in that email (`testimonial add --eml` looks for it)",
    shows: ['kit'],
    text: 'My words:',
  },
  testimonial_ask_placeholder: { where: 'Kit page with testimonials.ask_on_kit: where the partner writes in that email', shows: ['kit'], text: '(write your sentence here)' },
  testimonial_ask_consent: {
    where: 'Kit page with testimonials.ask_on_kit: the consent at the end of that email (`testimonial add --eml` looks for it)',
    shows: ['kit'],
    text: 'I agree that {owner_name} may quote the words above publicly, with my name ({partner_name}), on their website and in images to share.',
  },

  // Drafts
  invite_subject_default: {
    where: 'Invitations (`referral-kit invite`): subject when the invite script sets none, or when no invite script applies',
    shows: ['invite', 'follow-up'],
    text: 'Your introduction kit, {partner_first_name}',
  },
  message_invite_body: {
    where: 'Invitations (`referral-kit invite`) when no invite script applies: the message',
    shows: ['follow-up'],
    text: 'Hi {partner_first_name},\n\nThank you for being willing to introduce people to me. I put together a page for you with who to look out for and what to say, ready to copy:\n\n{kit_url}\n\n{owner_first_name}',
  },
  message_thank_you_subject: { where: 'Follow-up (`referral-kit follow-up`) without a thank-you script: subject', shows: ['follow-up'], text: 'Thank you for introducing {intro_prospect}' },
  message_thank_you_body: {
    where: 'Follow-up without a thank-you script: the message',
    shows: ['follow-up'],
    text: 'Hi {partner_first_name},\n\nThank you for introducing me to {intro_prospect}. I appreciate you thinking of me.\n\n{owner_first_name}',
  },
  message_outcome_subject: { where: 'Follow-up without an outcome script: subject', shows: ['follow-up'], text: 'How it went with {intro_prospect}' },
  message_outcome_body: {
    where: "Follow-up without an outcome script: the message ({intro_status} is the ledger's status: introduced, contacted, meeting, won, lost, not_a_fit or unreachable)",
    shows: ['follow-up'],
    text: 'Hi {partner_first_name},\n\nA quick note on {intro_prospect}, whom you introduced to me on {intro_date}: {intro_status, select, contacted {we have been in touch} meeting {we have a meeting} won {we are working together} lost {in the end, it did not go ahead} not_a_fit {in the end, I was not the right person for what they needed} unreachable {I have not been able to reach them} other {we have not been in touch yet}}. Thank you again for the introduction.\n\n{owner_first_name}',
  },
  message_ask_again_subject: { where: 'Follow-up without an ask-again script: subject', shows: ['follow-up'], text: 'Anyone you know, {partner_first_name}?' },
  message_ask_again_body: {
    where: 'Follow-up without an ask-again script: the message',
    shows: ['follow-up'],
    text: 'Hi {partner_first_name},\n\nIf you come across someone who could use my help, I would be glad of an introduction. Who I work with and what to say are all on your page:\n\n{kit_url}\n\n{owner_first_name}',
  },
  message_give_back_subject: { where: 'Follow-up without a give-back script: subject', shows: ['follow-up'], text: 'Can I introduce you to someone?' },
  message_give_back_body: {
    where: 'Follow-up without a give-back script: the message',
    shows: ['follow-up'],
    text: 'Hi {partner_first_name},\n\nYou have sent some good people my way, and I would like to return the favour. Who would you like to meet?\n\n{owner_first_name}',
  },
  message_re_educate_subject: { where: 'Follow-up without a re-educate script: subject', shows: ['follow-up'], text: 'Who I can help most, {partner_first_name}' },
  message_re_educate_body: {
    where: 'Follow-up without a re-educate script: the message',
    shows: ['follow-up'],
    text: 'Hi {partner_first_name},\n\nThank you for the introductions you have been sending. So that your time is well spent, here is who I can help most, and who I am not the right person for:\n\n{kit_url}\n\n{owner_first_name}',
  },
  message_testimonial_request_subject: { where: 'Follow-up without a testimonial-request script: subject', shows: ['follow-up'], text: 'Would you say a few words, {partner_first_name}?' },
  message_testimonial_request_body: {
    where: 'Follow-up without a testimonial-request script: the message',
    shows: ['follow-up'],
    text: 'Hi {partner_first_name},\n\nWould you be willing to write a sentence or two about working with me? I would only share it with your permission, in the words you choose.\n\n{owner_first_name}',
  },
  // {intro.status} in the owner's own follow-up scripts, in the partner's language
  status_introduced: { where: 'Follow-up messages from your scripts: what {intro.status} says for status: introduced', shows: ['follow-up'], text: 'introduced' },
  status_contacted: { where: 'Follow-up messages from your scripts: what {intro.status} says for status: contacted', shows: ['follow-up'], text: 'contacted' },
  status_meeting: { where: 'Follow-up messages from your scripts: what {intro.status} says for status: meeting', shows: ['follow-up'], text: 'meeting' },
  status_won: { where: 'Follow-up messages from your scripts: what {intro.status} says for status: won', shows: ['follow-up'], text: 'won' },
  status_lost: { where: 'Follow-up messages from your scripts: what {intro.status} says for status: lost', shows: ['follow-up'], text: 'lost' },
  status_not_a_fit: { where: 'Follow-up messages from your scripts: what {intro.status} says for status: not-a-fit', shows: ['follow-up'], text: 'not a fit' },
  status_unreachable: { where: 'Follow-up messages from your scripts: what {intro.status} says for status: unreachable', shows: ['follow-up'], text: 'unreachable' },
} as const satisfies CatalogSource;
