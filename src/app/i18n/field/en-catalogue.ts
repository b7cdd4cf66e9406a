import type { viCatalogue } from './vi-catalogue';

export const enCatalogue: Record<keyof typeof viCatalogue, string> = {
  'skill.vneid_installed': 'VNeID app installed',
  'skill.vneid_level1': 'VNeID level 1 account',
  'skill.vneid_level2_referred': 'Appointment at the commune police for level 2',
  'skill.vneid_level2_active': 'VNeID level 2 account activated',
  'skill.vneid_skills_confirmed': 'Confirm digital skills on VNeID',
  'skill.public_services_online': 'Online public services',
  'skill.online_shopping': 'Online shopping',
  'skill.cashless_payment': 'Cashless payment',
  'skill.online_safety': 'Online safety (spotting scams)',
  'skill.local_platforms': 'Local digital platforms',
  'skill.device_basics': 'Phone basics',
  'skill.digital_bank_account': 'Digital bank account',
  'skill.e_health': 'e-Health (electronic health book)',
  'skill.ai_basics': 'AI basics',

  'skill.group.vneid': 'VNeID digital identity',
  'skill.group.basic': 'Basic digital skills',
  'skill.group.other': 'Other skills',

  'skill.next.vneid_installed': 'Next: install VNeID from Google Play or the App Store',
  'skill.next.vneid_level1':
    'Next: register a level 1 account in the app (scan the chip card, take a face photo)',
  'skill.next.vneid_level2_referred':
    'Next: take them to the commune police to activate level 2 (chip card and phone)',
  'skill.next.vneid_level2_active': 'Next: activate the level 2 account once the approval SMS arrives',
  'skill.next.vneid_skills_confirmed':
    'Next: learn and confirm digital skills on VNeID (binhdanhocvuso.gov.vn)',
  'skill.next.done': 'VNeID journey complete',

  'skill.warn.official_store_only': 'Install apps only from Google Play or the App Store, never from a link.',
  'skill.warn.police_never_call':
    'The police never activate accounts by phone call or by sending a link. Anyone who does is a scammer.',
  'skill.warn.never_record_secrets':
    'Residents type their own passwords, OTP codes and PINs. Never ask for them or write them down.',

  'assist.status.done': 'Can do it alone',
  'assist.status.in_progress': 'Still learning, not alone yet',
  'assist.status.referred': 'Sent elsewhere to finish',
  'assist.status.failed': 'Could not do it',
  'assist.status.none': 'Nothing recorded',
  'assist.how.observed': 'Seen by the helper',
  'assist.how.self_reported': 'Told by the resident',

  'visit.outcome.met': 'Met',
  'visit.outcome.nobody_home': 'Nobody home',
  'visit.outcome.refused': 'Refused',
  'visit.outcome.come_back': 'Come back later',

  'class.audience.community': 'Residents',
  'class.audience.elderly': 'Elderly people',
  'class.audience.disability': 'People with disabilities',
  'class.audience.traders_4t': 'Traders ("4T")',
  'class.audience.civil_servants': 'Civil servants',

  'table.visits': 'Visit',
  'table.assists': 'Skill assist',
  'table.classes': 'Class',
  'table.attendance': 'Attendance',
};
