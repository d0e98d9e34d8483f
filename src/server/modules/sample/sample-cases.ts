// Realistic sample cases for the sample organisation: 18 months of complaints, compliments, suggestions and
// enquiries in every area, each with a timeline consistent with its status, so the queue, the case page and
// later analysis have something true-to-life to show. Deterministic apart from references (drawn like real ones)
// and the dates, which are relative to the clock's "now".
import { sql } from 'drizzle-orm';
import type { CaseKind, CaseStatus, Channel, NeedType, Outcome, Priority } from '../../../contracts/cases.js';
import type { Db } from '../../db/client.js';
import { newCaseReference } from '../cases/index.js';
import type { Random } from './random.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The sample's history: 18 "months" of 30 days each, counted back from now (month 0 is the last 30 days). */
export const SAMPLE_HISTORY_MONTHS = 18;
export const SAMPLE_MONTH_DAYS = 30;

/**
 * The rise planted for analysis to find: in the Online store, complaints about late delivery (category
 * "Late delivery" under "Products not delivered on time") run at about 3 times their earlier monthly rate in
 * the last 3 months (the last 90 days), as if a courier partner had started failing. Every other area and
 * category keeps a steady rate (within ordinary variation), so a trend or control chart should flag this
 * pair and no other.
 */
export const SAMPLE_PLANTED_RISE = {
  areaCode: 'WEB',
  areaName: 'Online store',
  categoryName: 'Late delivery',
  parentCategoryName: 'Products not delivered on time',
  /** The rise covers the last `months` months of SAMPLE_MONTH_DAYS days. */
  months: 3,
  /** Complaints per month in the rise ÷ the earlier monthly mean. */
  factor: 3,
} as const;

/** The staff of one sample area, as created by loadSampleOrganisation. */
export interface SampleAreaStaff {
  areaId: string;
  code: string;
  teamIds: string[];
  supervisorId: string;
  officers: { id: string; teamId: string }[];
}

export interface SampleCasesInput {
  now: Date;
  areas: SampleAreaStaff[];
}

// ---------------------------------------------------------------------------------------------------------
// What customers write about, per area. {tokens} are filled from the pools below.

interface Template {
  category: string;
  subject: string;
  description: string;
  outcome: string;
  /** Share of this area's complaints (relative weight). */
  weight: number;
  /** The complaint is about a staff member of the area (an officer). */
  aboutStaff?: boolean;
  product?: string;
}

interface AreaProfile {
  complaintsPerMonth: number;
  otherPerMonth: number;
  channels: [Channel, number][];
  complaints: Template[];
  compliments: string[][];
  suggestions: string[][];
  enquiries: [NeedType, string, string][];
  tokens: Record<string, readonly string[]>;
}

const PROFILES: Record<string, AreaProfile> = {
  FO: {
    complaintsPerMonth: 21,
    otherPerMonth: 7,
    channels: [
      ['counter', 30],
      ['in_person', 15],
      ['phone', 20],
      ['email', 17],
      ['web', 12],
      ['letter', 3],
      ['social', 3],
    ],
    complaints: [
      {
        category: 'Staff courtesy and attitude',
        subject: 'Rude response at reception during check-in',
        description:
          'When I checked in on {day} evening the receptionist was short with me and rolled their eyes when I asked about parking. I had been travelling all day and it was not the welcome I expected.',
        outcome: 'An apology, and for the staff member to be spoken to.',
        weight: 2,
        aboutStaff: true,
      },
      {
        category: 'Waiting time',
        subject: 'Waited {minutes} minutes to check in',
        description:
          'There was only one person at the front desk and a queue out the door. We waited {minutes} minutes to check in with two tired children.',
        outcome: 'More staff at busy times, and some recognition of the wait.',
        weight: 3,
      },
      {
        category: 'Booking or order error',
        subject: 'Room booked for the wrong dates',
        description:
          'My confirmation showed the right dates but when I arrived the booking was for the following week. It took over an hour to sort out and we were moved to a smaller room.',
        outcome: 'A refund of the difference between the rooms.',
        weight: 2,
      },
      {
        category: 'Booking or order error',
        subject: 'Booked a king room, given twin beds',
        description:
          'I booked and paid for a king room for our anniversary. At check-in we were told only twin rooms were left.',
        outcome: 'A partial refund and an explanation of how this happened.',
        weight: 1.5,
      },
      {
        category: 'Service not provided as promised',
        subject: 'Late checkout promised but not honoured',
        description:
          'Reception agreed to a 1 pm checkout when we arrived. At 10.30 am housekeeping knocked and said we had to leave.',
        outcome: 'An apology and for the late checkout to be recorded properly in future.',
        weight: 1.5,
      },
      {
        category: 'Incorrect invoice',
        subject: 'Charged twice for room {room}',
        description:
          'My credit card statement shows two charges of {amount} for room {room}. I only stayed once and paid at checkout.',
        outcome: 'The duplicate charge refunded.',
        weight: 2,
      },
      {
        category: 'Incorrect price',
        subject: 'Rate charged higher than the rate quoted',
        description:
          'I was quoted {amount} a night over the phone but was charged more on departure. Nobody could explain the difference.',
        outcome: 'To be charged the rate I was quoted.',
        weight: 1.5,
      },
      {
        category: 'Quality of product or service',
        subject: 'Room not cleaned before our arrival',
        description:
          'Room {room} had used towels in the bathroom and the bin had not been emptied when we checked in.',
        outcome: 'An apology and a discount on the stay.',
        weight: 2,
      },
      {
        category: 'Service not provided as promised',
        subject: 'Airport transfer did not arrive',
        description:
          'We booked the hotel airport transfer for our {time} arrival. Nobody was there and we paid for a taxi.',
        outcome: 'The taxi fare reimbursed and the transfer charge removed.',
        weight: 1,
      },
      {
        category: 'Waiting time',
        subject: 'Long wait for luggage to be brought up',
        description:
          'Our bags took over an hour to reach room {room} after check-in, despite two calls to the desk.',
        outcome: 'An apology.',
        weight: 1,
      },
      {
        category: 'Staff courtesy and attitude',
        subject: 'Concierge dismissive about a lost item',
        description:
          'I reported leaving my {item} in the lobby. The concierge said it was not their problem and did not take my details.',
        outcome: 'For someone to look for the item and call me back.',
        weight: 1,
        aboutStaff: true,
      },
      {
        category: 'Incorrect invoice',
        subject: 'Minibar charges for items we did not use',
        description:
          'The final bill included {amount} of minibar items. We did not open the minibar during our stay.',
        outcome: 'The minibar charges removed.',
        weight: 1.5,
      },
      {
        category: 'Quality of product or service',
        subject: 'Noise complaint not dealt with',
        description:
          'A party in the next room went on until 2 am. I called reception twice and nothing was done, so we barely slept.',
        outcome: 'A refund for the night.',
        weight: 1.5,
      },
      {
        category: 'Service not provided as promised',
        subject: 'Wake-up call not made',
        description:
          'I asked for a {time} wake-up call for an early flight. It never came and I nearly missed the flight.',
        outcome: 'An apology and assurance it will not happen again.',
        weight: 1,
      },
      {
        category: 'Booking or order error',
        subject: 'Reservation cancelled without notice',
        description:
          'My reservation was cancelled without any email or call. I only found out when I arrived at the desk.',
        outcome: 'An explanation and compensation for the inconvenience.',
        weight: 1,
      },
    ],
    compliments: [
      [
        'Thank you to the reception team',
        'The front desk staff went out of their way to find us a room with a view for our anniversary. Thank you!',
      ],
      [
        'Wonderful concierge service',
        'The concierge organised theatre tickets and a restaurant booking at short notice. Brilliant service.',
      ],
      [
        'Smooth and friendly check-in',
        'Check-in took two minutes and the staff member remembered us from last year. A lovely touch.',
      ],
    ],
    suggestions: [
      [
        'Offer express check-out by text',
        'It would be handy to check out by text message instead of queuing at the desk.',
      ],
      [
        'Luggage storage after checkout',
        'Please offer luggage storage for guests on late flights; we had to carry our bags around the city.',
      ],
    ],
    enquiries: [
      [
        'appointment',
        'Booking a function room',
        'Could you tell me how to book a function room for 40 people in December?',
      ],
      [
        'specific_information',
        'Accessible rooms',
        'Do you have rooms with a roll-in shower, and can they be booked online?',
      ],
      ['prices_value', 'Group rates', 'What rates do you offer for a group of 12 rooms for a conference?'],
    ],
    tokens: {
      item: ['phone charger', 'sunglasses', 'jacket', 'umbrella', 'reading glasses'],
    },
  },
  REST: {
    complaintsPerMonth: 20,
    otherPerMonth: 8,
    channels: [
      ['in_person', 30],
      ['phone', 15],
      ['email', 20],
      ['web', 20],
      ['social', 12],
      ['letter', 3],
    ],
    complaints: [
      {
        category: 'Waiting time',
        subject: 'Waited {minutes} minutes for our main course',
        description:
          'We ordered at {time} and our mains arrived {minutes} minutes later. Staff did not check on us or explain the delay.',
        outcome: 'Some acknowledgement of the wait, perhaps a discount.',
        weight: 3,
      },
      {
        category: 'Quality of product or service',
        subject: '{dish} served cold',
        description: 'My {dish} arrived lukewarm. When I sent it back the replacement was not much better.',
        outcome: 'A refund for the meal.',
        weight: 2.5,
        product: '{dish}',
      },
      {
        category: 'Quality of product or service',
        subject: 'Hair found in my meal',
        description:
          'There was a long hair in my {dish}. The waiter took it away but the dish was still on the bill.',
        outcome: 'A refund and assurance about kitchen hygiene.',
        weight: 1,
        product: '{dish}',
      },
      {
        category: 'Staff courtesy and attitude',
        subject: 'Waiter was rude when we asked about allergens',
        description:
          'My partner has a nut allergy. When we asked about the {dish} the waiter sighed and said "just order something else".',
        outcome: 'An apology and better allergen training.',
        weight: 1.5,
        aboutStaff: true,
      },
      {
        category: 'Service not provided as promised',
        subject: 'Allergy not passed on to the kitchen',
        description:
          'I told the staff I am coeliac and was assured the {dish} was gluten free. It came with a bread crumb crust.',
        outcome: 'To know what will change so this cannot happen again.',
        weight: 1.5,
        product: '{dish}',
      },
      {
        category: 'Booking or order error',
        subject: 'Our table booking was lost',
        description:
          'I booked a table for six at {time} on {day}. When we arrived there was no record of the booking and we waited 40 minutes.',
        outcome: 'An apology and a voucher.',
        weight: 2,
      },
      {
        category: 'Incorrect invoice',
        subject: 'Bill included dishes we did not order',
        description:
          'Our bill included two desserts and a bottle of wine that were not ours. We noticed only after paying.',
        outcome: 'The overcharge refunded.',
        weight: 1.5,
      },
      {
        category: 'Incorrect price',
        subject: 'Menu price differs from the bill',
        description: 'The {dish} was listed at one price on the menu but charged higher on the bill.',
        outcome: 'A refund of the difference.',
        weight: 1,
        product: '{dish}',
      },
      {
        category: 'Waiting time',
        subject: 'Room service took over an hour',
        description: 'I ordered room service to room {room} at {time}. It took 70 minutes and arrived cold.',
        outcome: 'The room service charge removed.',
        weight: 1.5,
      },
      {
        category: 'Quality of product or service',
        subject: 'Room service order incomplete',
        description:
          'Half of our room service order was missing and the rest was cold by the time it arrived.',
        outcome: 'A refund.',
        weight: 1,
      },
      {
        category: 'Service not provided as promised',
        subject: 'Birthday cake arrangement forgotten',
        description:
          'I arranged for a birthday cake to be brought out for my mother. It never appeared and staff had no record of it.',
        outcome: 'An apology and a refund of the cake fee.',
        weight: 1,
      },
      {
        category: 'Staff courtesy and attitude',
        subject: 'Bar staff ignored us',
        description: 'We stood at the bar for 15 minutes while the staff chatted among themselves.',
        outcome: 'An apology.',
        weight: 1,
        aboutStaff: true,
      },
      {
        category: 'Waiting time',
        subject: 'Kept waiting to be seated despite a booking',
        description: 'We had a {time} booking but were not seated until well after, with no explanation.',
        outcome: 'Better management of bookings.',
        weight: 1.5,
      },
      {
        category: 'Quality of product or service',
        subject: 'Wine served warm',
        description:
          'The white wine we ordered was served at room temperature and no ice bucket was offered.',
        outcome: 'An apology.',
        weight: 0.7,
      },
      {
        category: 'Incorrect price',
        subject: 'Public holiday surcharge not disclosed',
        description: 'We were charged a 15% surcharge that was not on the menu or mentioned when we ordered.',
        outcome: 'The surcharge refunded.',
        weight: 1,
      },
    ],
    compliments: [
      [
        'Best meal of our trip',
        'The {dish} was outstanding and the staff were warm and attentive. Please pass on our thanks to the chef.',
      ],
      [
        'Thank you for looking after my allergy',
        'The kitchen prepared a special gluten-free dessert without being asked twice. Thank you.',
      ],
      ['Lovely service at breakfast', 'The breakfast team were cheerful every morning of our stay.'],
    ],
    suggestions: [
      ['More vegetarian options', 'The menu has only one vegetarian main. Please add a couple more.'],
      ['Online table booking', 'Please let us book a table online rather than only by phone.'],
    ],
    enquiries: [
      [
        'specific_information',
        'Dietary requirements for a function',
        'Can the kitchen cater for vegan and halal guests at a function of 30?',
      ],
      [
        'appointment',
        'Booking for a large group',
        'How far in advance should I book a table for 14 people on a Saturday?',
      ],
      ['advice', 'Corkage', 'Do you allow BYO wine and what is the corkage fee?'],
    ],
    tokens: {
      dish: [
        'barramundi',
        'lamb shoulder',
        'steak',
        'chicken parmigiana',
        'risotto',
        'eggs Benedict',
        'laksa',
      ],
    },
  },
  WEB: {
    complaintsPerMonth: 24,
    otherPerMonth: 6,
    channels: [
      ['web', 38],
      ['email', 28],
      ['phone', 14],
      ['social', 12],
      ['api', 5],
      ['letter', 3],
    ],
    complaints: [
      {
        category: 'Late delivery',
        subject: 'Order {order} arrived {days} days late',
        description:
          'I paid for standard delivery with an estimate of 3–5 business days. Order {order} arrived {days} days after that, and the tracking page showed no updates for most of that time.',
        outcome: 'A refund of the delivery fee.',
        weight: 2,
        product: '{item}',
      },
      {
        category: 'Late delivery',
        subject: 'Still waiting on order {order}',
        description:
          'My order {order} was due last {day} and still has not arrived. The courier says it is "in transit" but cannot tell me where.',
        outcome: 'The order delivered, or a full refund if it cannot be found.',
        weight: 1.6,
        product: '{item}',
      },
      {
        category: 'Late delivery',
        subject: 'Express delivery took over a week',
        description:
          'I paid extra for express delivery of my {item} for a birthday. It arrived {days} days later, after the birthday.',
        outcome: 'The express fee refunded.',
        weight: 0.8,
        product: '{item}',
      },
      {
        category: 'Goods not delivered',
        subject: 'Order {order} marked delivered but never arrived',
        description:
          'Tracking says order {order} was delivered and left at the front door, but nothing was there. My neighbours have not seen it either.',
        outcome: 'A replacement sent by signed delivery.',
        weight: 2,
        product: '{item}',
      },
      {
        category: 'Damaged goods',
        subject: '{item} arrived damaged',
        description: 'The box was crushed and the {item} inside was broken. I have photos of the packaging.',
        outcome: 'A replacement, and for the return to be collected.',
        weight: 2,
        product: '{item}',
      },
      {
        category: 'Wrong address or recipient',
        subject: 'Parcel sent to my old address',
        description:
          'I updated my address in my account before ordering, but order {order} went to my previous address.',
        outcome: 'The parcel redirected or reshipped at no cost.',
        weight: 1,
      },
      {
        category: 'Incomplete delivery',
        subject: 'Only part of order {order} delivered',
        description: 'Order {order} had three items but only two arrived. The packing slip lists all three.',
        outcome: 'The missing item sent.',
        weight: 1.5,
      },
      {
        category: 'Incorrect product delivered',
        subject: 'Received the wrong {item}',
        description: 'I ordered a {item} in blue and received a different model in grey.',
        outcome: 'The correct item sent and a prepaid return label.',
        weight: 1.5,
        product: '{item}',
      },
      {
        category: 'Website faults',
        subject: 'Checkout fails at payment',
        description:
          'Every time I try to pay, the checkout page shows an error and empties my cart. I have tried two cards and two browsers.',
        outcome: 'The fault fixed, and my order placed at the price shown.',
        weight: 1.5,
      },
      {
        category: 'Difficulty accessing services',
        subject: 'Cannot log in to my account',
        description: 'The password reset email never arrives, so I cannot see my orders or start a return.',
        outcome: 'Access to my account restored.',
        weight: 1,
      },
      {
        category: 'Incorrect price',
        subject: 'Charged more than the price shown online',
        description: 'The {item} was {amount} on the product page but I was charged more at checkout.',
        outcome: 'A refund of the difference.',
        weight: 1,
        product: '{item}',
      },
      {
        category: 'Stock not found or mislaid',
        subject: 'Order cancelled after payment: out of stock',
        description:
          'Two days after paying for order {order} I received an email saying the {item} was out of stock and my order was cancelled.',
        outcome: 'The item supplied at the price I paid, or an explanation.',
        weight: 1,
        product: '{item}',
      },
      {
        category: 'Time taken to access services',
        subject: 'Website very slow in the evenings',
        description: 'Pages take 20 seconds or more to load after 7 pm. I gave up on an order twice.',
        outcome: 'A faster website.',
        weight: 0.6,
      },
      {
        category: 'Inactive links',
        subject: 'Tracking link in the email does not work',
        description:
          'The "track my parcel" link in the dispatch email for order {order} goes to a page not found.',
        outcome: 'A working tracking link.',
        weight: 0.6,
      },
      {
        category: 'Unfriendly website design',
        subject: 'Returns form is hard to find',
        description:
          'It took me 20 minutes to find how to return an item. The returns page is buried in the footer.',
        outcome: 'A clearer returns process.',
        weight: 0.6,
      },
      {
        category: 'Incorrect invoice',
        subject: 'Refund for returned {item} not received',
        description:
          'I returned the {item} from order {order} three weeks ago and have the receipt, but the refund has not appeared.',
        outcome: 'My refund processed.',
        weight: 1.2,
        product: '{item}',
      },
    ],
    compliments: [
      ['Fast delivery, great packaging', 'My {item} arrived the next day, beautifully packed. Thank you!'],
      ['Helpful returns team', 'The returns team sorted out my exchange in one email. Excellent service.'],
    ],
    suggestions: [
      ['Choose a delivery day', 'Please let customers choose a delivery day, as I am not home on weekdays.'],
      ['Parcel locker delivery', 'An option to deliver to a parcel locker would save failed deliveries.'],
      ['Save my favourite items', 'A wishlist or favourites list would make reordering easier.'],
    ],
    enquiries: [
      [
        'returning_products',
        'How do I return a gift?',
        'I received a {item} as a gift. How can I exchange it without the order number?',
      ],
      [
        'purchasing',
        'Bulk order discount',
        'Do you offer a discount for ordering 20 of the same item for our office?',
      ],
      [
        'further_information',
        'Delivery to rural areas',
        'Do you deliver to rural Western Australia and how long does it take?',
      ],
    ],
    tokens: {
      item: [
        'kettle',
        'desk lamp',
        'set of towels',
        'coffee machine',
        'throw rug',
        'dinner set',
        'bluetooth speaker',
      ],
    },
  },
  CC: {
    complaints: [
      {
        category: 'Waiting time',
        subject: 'On hold for {minutes} minutes',
        description:
          'I called about my booking and was on hold for {minutes} minutes before being cut off. I had to call back and wait again.',
        outcome: 'A call back at a time that suits me, and shorter waits.',
        weight: 3,
      },
      {
        category: 'Waiting time',
        subject: 'No reply to my email after {days} days',
        description:
          'I emailed on {day} about a billing question and have had no reply apart from the automatic one.',
        outcome: 'An answer to my question.',
        weight: 2,
      },
      {
        category: 'Staff courtesy and attitude',
        subject: 'Call handler hung up on me',
        description:
          'When I said I wanted to make a complaint the person on the phone said "that is not my job" and ended the call.',
        outcome: 'An apology and for the staff member to be spoken to.',
        weight: 1.5,
        aboutStaff: true,
      },
      {
        category: 'Staff courtesy and attitude',
        subject: 'Chat agent was condescending',
        description:
          'The chat agent explained things to me as if I were a child and would not escalate my issue.',
        outcome: 'An apology and my issue looked at by someone senior.',
        weight: 1,
        aboutStaff: true,
      },
      {
        category: 'Service not provided as promised',
        subject: 'Promised call back never came',
        description: 'I was told someone would call me back within 24 hours. That was {days} days ago.',
        outcome: 'A call back and my issue resolved.',
        weight: 2,
      },
      {
        category: 'Services not available',
        subject: 'Phone line closed during advertised hours',
        description:
          'The website says the line is open until 8 pm, but at {time} I got a recorded message saying you were closed.',
        outcome: 'Correct opening hours on the website.',
        weight: 1,
      },
      {
        category: 'Difficulty accessing services',
        subject: 'Web chat keeps disconnecting',
        description:
          'The chat window disconnects after a couple of minutes and I lose the conversation each time.',
        outcome: 'The chat fixed.',
        weight: 1,
      },
      {
        category: 'Incorrect invoice',
        subject: 'Given the wrong information about my bill',
        description:
          'I was told over the phone that a charge of {amount} would be reversed. It was not, and now I have a late fee.',
        outcome: 'The charge and the late fee reversed.',
        weight: 1.5,
      },
      {
        category: 'Service not provided as promised',
        subject: 'Asked to repeat my details to three people',
        description:
          'I was transferred three times and had to give my details and explain the problem each time.',
        outcome: 'One person to own my issue.',
        weight: 1.5,
      },
      {
        category: 'Booking or order error',
        subject: 'Booking change not recorded',
        description:
          'I changed my booking dates over the phone and got a verbal confirmation, but the booking still shows the old dates.',
        outcome: 'The change made and confirmed in writing.',
        weight: 1.2,
      },
      {
        category: 'Services not available',
        subject: 'Callback option not working',
        description: 'I chose the "call me back" option twice and nobody called.',
        outcome: 'A call back.',
        weight: 0.8,
      },
      {
        category: 'Incorrect price',
        subject: 'Quoted a different price on the phone',
        description: 'The agent quoted {amount} but the confirmation email shows a higher amount.',
        outcome: 'The quoted price honoured.',
        weight: 1,
      },
      {
        category: 'Quality of product or service',
        subject: 'Information given was wrong',
        description:
          'I was told I could cancel free of charge up to 24 hours before. I was charged a cancellation fee.',
        outcome: 'The fee refunded.',
        weight: 1.2,
      },
      {
        category: 'Hardware / software differences',
        subject: 'Chat does not work on my tablet',
        description:
          'The chat button does nothing on my tablet. It works on my laptop but I do not always have it.',
        outcome: 'Chat that works on tablets.',
        weight: 0.6,
      },
      {
        category: 'Waiting time',
        subject: 'Transferred between departments for an hour',
        description:
          'My call was passed between departments for close to an hour without anyone taking responsibility.',
        outcome: 'A direct contact for my issue.',
        weight: 1,
      },
    ],
    complaintsPerMonth: 22,
    otherPerMonth: 6,
    channels: [
      ['phone', 48],
      ['email', 28],
      ['web', 10],
      ['social', 10],
      ['letter', 4],
    ],
    compliments: [
      [
        'Patient and helpful on the phone',
        'The person I spoke to was patient and sorted everything out in one call.',
      ],
      ['Great chat support', 'The chat agent fixed my booking in minutes. Thank you.'],
    ],
    suggestions: [
      ['Show the expected wait time', 'Please tell callers how long the wait is likely to be.'],
      ['Reply by text message', 'An option to get replies by SMS rather than email would help me.'],
    ],
    enquiries: [
      [
        'accuracy_of_information',
        'Checking a booking',
        'Can you confirm the dates of my booking? The app shows two different things.',
      ],
      ['advice', 'How to update my details', 'How do I change the email address on my account?'],
      [
        'fairness_politeness',
        'Complaints process',
        'What is your complaints process and how long does it take?',
      ],
    ],
    tokens: {},
  },
};

const COMMON_TOKENS: Record<string, readonly string[]> = {
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  time: ['6.30 am', '7 am', '12.15 pm', '1 pm', '6 pm', '7.15 pm', '7.45 pm', '8.30 pm'],
  item: ['item'],
  dish: ['meal'],
};

const CUSTOMER_FIRST =
  'Sophie James Emily Daniel Hannah Lucas Ella Samuel Matilda Harrison Georgia Riley Jasmine Cooper Sienna Patrick Lily Angus Evie Xavier Anh Ravi Fatima Kenji Leilani Dimitri Sofia Bao Tahlia Manpreet'.split(
    ' ',
  );
const CUSTOMER_LAST =
  'Jones Thompson Lee Harris Ryan Robinson Hughes Edwards Clarke Young King Wright Scott Green Baker Adams Mitchell Roberts Phillips Evans Papadopoulos Le Huang Sharma Ali Fraser Mackenzie Bui Costa Gill'.split(
    ' ',
  );
const COMPANIES = [
  'Harbourside Events Pty Ltd',
  'Coastal Travel Group',
  'Bluegum Consulting',
  'Southern Cross Tours',
];
/** Numbers set aside by ACMA for fiction, so no real person is rung. */
const PHONES =
  '0491 570 006|0491 570 156|0491 570 157|0491 570 158|0491 570 159|0491 570 110|0491 570 313|0491 570 737|0491 571 266|0491 571 491|0491 571 804|0491 572 549|(02) 5550 1234|(03) 5550 4321|(07) 5550 9876'.split(
    '|',
  );

const OUTCOME_REASONS: Record<Outcome, string[]> = {
  resolved_first_contact: [
    'Sorted out with the customer on the spot.',
    'Explained and fixed while the customer waited.',
  ],
  upheld: [
    'Our records confirm what the customer described.',
    'The service fell short of our standard; we have apologised and put it right.',
  ],
  partly_upheld: [
    'Part of the complaint is confirmed; the rest could not be verified.',
    'We accept the delay but not the amount claimed.',
  ],
  not_upheld: [
    'Our records show the service was provided as agreed; we explained this to the customer.',
    'The terms the customer agreed to at booking apply; we explained them.',
  ],
  withdrawn: [
    'The customer withdrew the complaint after the issue resolved itself.',
    'The customer asked us to close it.',
  ],
  no_further_action: ['Thanked the customer and passed it on.', 'Answered the customer.'],
};

const ROOT_CAUSES_BY_CATEGORY: Record<string, string[]> = {
  'Staff courtesy and attitude': ['people', 'people', 'communication'],
  'Waiting time': ['people', 'process', 'process'],
  'Quality of product or service': ['product', 'process', 'people'],
  'Booking or order error': ['system', 'process', 'people'],
  'Service not provided as promised': ['process', 'communication', 'people'],
  'Incorrect invoice': ['system', 'process'],
  'Incorrect price': ['policy', 'system', 'communication'],
  'Late delivery': ['supplier', 'supplier', 'process'],
  'Goods not delivered': ['supplier', 'process'],
  'Damaged goods': ['supplier', 'product'],
  'Wrong address or recipient': ['system', 'process'],
  'Incomplete delivery': ['process'],
  'Incorrect product delivered': ['process', 'people'],
  'Stock not found or mislaid': ['process', 'system'],
};

// ---------------------------------------------------------------------------------------------------------

interface ResolutionRow {
  id: string;
  caseId: string;
  actions: { type: string; amountCents: number; note: string }[];
  totalCents: number;
  summary: string;
  status: 'approved' | 'pending_approval';
  withinAuthority: boolean;
  proposedBy: string;
  proposedAt: Date;
  approverId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

interface StepRow {
  caseId: string;
  step: string;
  doneAt: Date;
  doneBy: string;
}

const OFFICER_LIMIT_CENTS = 100_00;
const STAFF_ENTRY: Channel[] = ['phone', 'counter', 'in_person', 'letter', 'email'];
const FIRST_CONTACT_CHANNELS: Channel[] = ['phone', 'counter', 'in_person'];
const sydneyHour = new Intl.DateTimeFormat('en-AU', {
  timeZone: 'Australia/Sydney',
  hour: 'numeric',
  hourCycle: 'h23',
});

function weighted<T>(rng: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** The first item whose cumulative share exceeds r (r in [0, 1)). */
function byShare<T>(r: number, shares: [T, number][]): T {
  let sum = 0;
  for (const [item, share] of shares) {
    sum += share;
    if (r < sum) return item;
  }
  return shares[shares.length - 1]![0];
}

function uuidFrom(rng: Random): string {
  let hex = '';
  for (let i = 0; i < 4; i++)
    hex += Math.floor(rng.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Inserts the sample cases with their timelines, resolutions and handling steps, in bulk, inside the setup
 * transaction. Returns how many cases it made. No deadline clocks: the history is closed, and open cases keep
 * the default (no deadline) until the cases service starts clocks for them.
 */
export async function insertSampleCases(tx: Db, rng: Random, input: SampleCasesInput): Promise<number> {
  const now = input.now.getTime();
  const res = await tx.execute(sql`SELECT id, name FROM case_categories WHERE parent_id IS NOT NULL`);
  const categories = (res as unknown as { rows: { id: string; name: string }[] }).rows;
  const categoryId = new Map(categories.map((c) => [c.name, c.id]));

  const caseRows: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const resolutions: ResolutionRow[] = [];
  const steps: StepRow[] = [];
  const references = new Set<string>();

  const fill = (text: string, tokens: Record<string, string>) =>
    text.replace(/\{(\w+)\}/g, (_m, k: string) => tokens[k] ?? k);

  for (const area of input.areas) {
    const profile = PROFILES[area.code];
    if (!profile) continue;
    // Error diffusion across months keeps each category's monthly count at its share ±1, so only the planted
    // rise stands out; the area's monthly total still varies a little.
    const carry = new Map<Template, number>();
    const totalWeight = profile.complaints.reduce((s, t) => s + t.weight, 0);
    for (let month = SAMPLE_HISTORY_MONTHS - 1; month >= 0; month--) {
      const volume = profile.complaintsPerMonth * (0.92 + rng.next() * 0.16);
      const plan: {
        kind: CaseKind;
        template?: Template;
        other?: string[];
        need?: [NeedType, string, string];
      }[] = [];
      for (const t of profile.complaints) {
        const exact = (volume * t.weight) / totalWeight + (carry.get(t) ?? 0);
        let n = Math.round(exact);
        carry.set(t, exact - n);
        if (
          area.code === SAMPLE_PLANTED_RISE.areaCode &&
          t.category === SAMPLE_PLANTED_RISE.categoryName &&
          month < SAMPLE_PLANTED_RISE.months
        ) {
          n += Math.round(
            ((SAMPLE_PLANTED_RISE.factor - 1) * (profile.complaintsPerMonth * t.weight)) / totalWeight,
          );
        }
        for (let i = 0; i < n; i++) plan.push({ kind: 'complaint', template: t });
      }
      const others = Math.max(0, profile.otherPerMonth + rng.int(-2, 2));
      for (let i = 0; i < others; i++) {
        const kind = weighted<CaseKind>(rng, [
          ['compliment', 4],
          ['suggestion', 3],
          ['enquiry', 3],
        ]);
        if (kind === 'enquiry') plan.push({ kind, need: rng.pick(profile.enquiries) });
        else
          plan.push({
            kind,
            other: rng.pick(kind === 'compliment' ? profile.compliments : profile.suggestions),
          });
      }
      for (const p of plan) {
        const tokens: Record<string, string> = {
          order: `WS-${rng.int(100_000, 999_999)}`,
          days: String(rng.int(3, 12)),
          minutes: String(rng.int(25, 75)),
          room: String(rng.int(1, 14) * 100 + rng.int(1, 30)),
          amount: `$${rng.int(19, 420)}.${String(rng.int(0, 19) * 5).padStart(2, '0')}`,
        };
        for (const [k, pool] of Object.entries({ ...COMMON_TOKENS, ...profile.tokens }))
          tokens[k] = rng.pick(pool);
        // Age within the month, kept half a day from its edges so the time-of-day shift below stays inside it.
        const ageDays =
          month * SAMPLE_MONTH_DAYS + (month === 0 ? 0.02 : 0.6) + rng.next() * (SAMPLE_MONTH_DAYS - 1.2);
        buildCase(p, tokens, ageDays);
      }
    }

    function buildCase(
      p: { kind: CaseKind; template?: Template; other?: string[]; need?: [NeedType, string, string] },
      tokens: Record<string, string>,
      ageDays: number,
    ) {
      const channel = weighted(rng, profile!.channels);
      let receivedAt = now - ageDays * DAY;
      // People walk in and phone during the day; web forms and email arrive at any hour.
      if (['counter', 'in_person', 'phone'].includes(channel)) {
        const hour = Number(sydneyHour.format(new Date(receivedAt)));
        if (hour < 8 || hour >= 20) receivedAt += (ageDays % SAMPLE_MONTH_DAYS > 0.55 ? 1 : -1) * 12 * HOUR;
      }
      receivedAt = Math.min(receivedAt, now - 10 * MINUTE);
      const span = now - receivedAt;

      const officer = rng.pick(area.officers);
      let concernsUserId: string | null = null;
      if (p.template?.aboutStaff && rng.next() < 0.6) {
        concernsUserId = officer.id;
      }
      const handlers = area.officers.filter((o) => o.id !== concernsUserId);
      const handler = rng.pick(handlers);
      const isComplaint = p.kind === 'complaint';
      const template = p.template;
      const firstContact =
        isComplaint && FIRST_CONTACT_CHANNELS.includes(channel) && rng.next() < 0.3 && !concernsUserId;

      // The status this case has reached, by its age (decided from the sampled age, so two setups agree).
      let status: CaseStatus;
      let dispute: 'none' | 'review' | 'referred' = 'none';
      let reopened = false;
      const r = rng.next();
      if (firstContact) status = 'closed';
      else if (!isComplaint) {
        status =
          ageDays < 1 ? 'received' : ageDays < 6 ? (r < 0.5 ? 'acknowledged' : 'investigating') : 'closed';
      } else if (ageDays < 1) status = r < 0.5 ? 'received' : 'acknowledged';
      else if (ageDays < 3)
        status = r < 0.3 ? 'acknowledged' : r < 0.8 ? 'investigating' : 'awaiting_customer';
      else if (ageDays < 14)
        status = byShare(r, [
          ['investigating', 0.3],
          ['awaiting_customer', 0.14],
          ['resolution_proposed', 0.12],
          ['awaiting_approval', 0.08],
          ['responded', 0.2],
          ['closed', 0.16],
        ]);
      else if (ageDays < 45) {
        status = byShare(r, [
          ['investigating', 0.1],
          ['awaiting_customer', 0.05],
          ['responded', 0.2],
          ['under_review', 0.06],
          ['reopened', 0.05],
          ['closed', 0.54],
        ]);
        if (status === 'under_review') dispute = 'review';
      } else if (ageDays < 120) {
        status = r < 0.03 ? 'under_review' : r < 0.05 ? 'referred_external' : 'closed';
        if (status === 'under_review') dispute = 'review';
        if (status === 'referred_external') dispute = 'referred';
      } else {
        status = r < 0.015 ? 'referred_external' : 'closed';
        if (status === 'referred_external') dispute = 'referred';
      }
      if (status === 'reopened') reopened = true;
      if (status === 'closed' && isComplaint && !firstContact) {
        const h = rng.next();
        if (ageDays > 60 && h < 0.04) dispute = 'review';
        else if (ageDays > 60 && h < 0.06) dispute = 'referred';
        else if (ageDays > 30 && h < 0.1) reopened = true;
      }

      let outcome: Outcome | null = null;
      if (status === 'closed' || status === 'under_review' || status === 'referred_external' || reopened) {
        outcome = !isComplaint
          ? 'no_further_action'
          : firstContact
            ? 'resolved_first_contact'
            : weighted<Outcome>(rng, [
                ['upheld', 38],
                ['partly_upheld', 25],
                ['not_upheld', 27],
                ['withdrawn', 10],
              ]);
        if ((dispute !== 'none' || reopened) && outcome === 'withdrawn') outcome = 'not_upheld';
      }

      // The customer.
      const first = rng.pick(CUSTOMER_FIRST);
      const last = rng.pick(CUSTOMER_LAST);
      const corporate = rng.next() < 0.06;
      const hasEmail = channel !== 'letter' && (channel !== 'phone' || rng.next() < 0.7);
      const email = hasEmail
        ? `${first}.${last}${rng.int(1, 99)}@sample.verity.example`.toLowerCase().replace(/[^a-z0-9.@]/g, '')
        : null;
      const phone = !hasEmail || rng.next() < 0.5 ? rng.pick(PHONES) : null;

      const id = uuidFrom(rng);
      let reference = newCaseReference(new Date(receivedAt));
      while (references.has(reference)) reference = newCaseReference(new Date(receivedAt));
      references.add(reference);

      const priority = weighted<Priority>(rng, [
        ['low', isComplaint ? 15 : 60],
        ['medium', 55],
        ['high', isComplaint ? 24 : 4],
        ['urgent', isComplaint ? 6 : 0],
      ]);
      const severity = { low: 'minor', medium: 'moderate', high: 'major', urgent: 'severe' }[priority];
      const staffEntered =
        STAFF_ENTRY.includes(channel) && channel !== 'email' ? true : channel === 'email' && rng.next() < 0.5;
      const createdBy = staffEntered ? handler.id : null;
      const assigned = status !== 'received' || rng.next() < 0.4;

      // The story, as offsets from receivedAt; scaled down below if it would run past now.
      const story: {
        off: number;
        type: string;
        actor: string | null;
        body: string;
        data: Record<string, unknown>;
      }[] = [];
      let t = 0;
      let prev = 'received' as CaseStatus;
      const supervisor = area.supervisorId;
      const add = (
        dt: number,
        type: string,
        actor: string | null,
        body = '',
        data: Record<string, unknown> = {},
      ) => {
        t += dt;
        story.push({ off: t, type, actor, body, data });
        return t;
      };
      const move = (
        dt: number,
        to: CaseStatus,
        actor: string | null,
        extra: Record<string, unknown> = {},
        body = '',
      ) => {
        const at = add(dt, 'status', actor, body, { from: prev, to, ...extra });
        prev = to;
        return at;
      };
      let customerAccepted: boolean | null = null;
      let externalBody: string | null = null;
      let externalReference = '';
      let closingReason = '';
      const caseSteps: StepRow[] = [];
      const mark: Partial<Record<'ack' | 'first' | 'responded' | 'closed', number>> = {};
      const subject = template ? fill(template.subject, tokens) : p.need ? p.need[1] : p.other![0]!;
      const description = template
        ? fill(template.description, tokens)
        : fill(p.need ? p.need[2] : p.other![1]!, tokens);

      add(0, 'created', createdBy, '', { channel, reference, kind: p.kind });
      if (assigned)
        add(rng.int(1, 90) * MINUTE, 'assigned', createdBy ?? supervisor, '', { from: null, to: handler.id });

      const proposed: { resolution: ResolutionRow | null } = { resolution: null };
      const proposeResolution = (pending: boolean) => {
        const kind = weighted(rng, [
          ['refund', 5],
          ['credit', 3],
          ['replacement', area.code === 'WEB' ? 3 : 0],
          ['apology', 2],
        ] as const);
        const amount = kind === 'apology' ? 0 : rng.int(2, pending ? 45 : 30) * 1000 + rng.int(0, 19) * 50;
        const total = pending ? Math.max(amount, OFFICER_LIMIT_CENTS + 5_00) : amount;
        const actions = [
          { type: kind, amountCents: total, note: '' },
          ...(kind !== 'apology' ? [{ type: 'apology', amountCents: 0, note: '' }] : []),
        ];
        const within = total <= OFFICER_LIMIT_CENTS;
        const summary =
          kind === 'refund'
            ? `Apologise and refund $${(total / 100).toFixed(2)}.`
            : kind === 'credit'
              ? `Apologise and credit $${(total / 100).toFixed(2)} to the customer's account.`
              : kind === 'replacement'
                ? 'Apologise and send a replacement by express post.'
                : 'Apologise and explain what we have changed.';
        const rid = uuidFrom(rng);
        const proposedOff = add(rng.int(2, 48) * HOUR, 'resolution_proposed', handler.id, summary, {
          resolutionId: rid,
          totalCents: total,
        });
        const resolution: ResolutionRow = {
          id: rid,
          caseId: id,
          actions,
          totalCents: total,
          summary,
          status: within || !pending ? 'approved' : 'pending_approval',
          withinAuthority: within,
          proposedBy: handler.id,
          proposedAt: new Date(proposedOff),
          approverId: within ? null : supervisor,
          decidedBy: within ? null : supervisor,
          decidedAt: null,
          decisionReason: null,
        };
        if (!within) {
          add(MINUTE, 'approval_requested', handler.id, '', { resolutionId: rid, approverId: supervisor });
          if (pending) move(MINUTE, 'awaiting_approval', handler.id);
          else {
            const decided = add(rng.int(1, 30) * HOUR, 'approved', supervisor, 'Approved.', {
              resolutionId: rid,
            });
            resolution.decidedAt = new Date(decided);
            resolution.decisionReason = 'Approved.';
          }
        }
        if (within || !pending) move(MINUTE, 'resolution_proposed', handler.id);
        proposed.resolution = resolution;
      };

      const respond = (body: string) => {
        const at = add(rng.int(1, 72) * HOUR, 'message_out', handler.id, body, {
          subject: `The outcome of your complaint — ${reference}`,
        });
        move(MINUTE, 'responded', handler.id);
        mark.responded = at;
        mark.first ??= at;
      };
      const close = (o: Outcome, dt: number) => {
        closingReason = rng.pick(OUTCOME_REASONS[o]);
        mark.closed = move(dt, 'closed', handler.id, { outcome: o }, closingReason);
      };

      if (firstContact) {
        let stepAt = 0;
        for (const step of ['attend', 'listen', 'acknowledge', 'apologise', 'resolve', 'thank']) {
          stepAt = add(rng.int(1, 4) * MINUTE, 'handling_step', handler.id, '', { step });
          // An offset for now; moved to the real time with the rest of the story below.
          caseSteps.push({ caseId: id, step, doneAt: new Date(stepAt), doneBy: handler.id });
        }
        mark.ack = mark.first = mark.responded = stepAt;
        close('resolved_first_contact', MINUTE);
      } else if (status !== 'received') {
        mark.ack = move(rng.int(5, 600) * MINUTE, 'acknowledged', handler.id);
        if (email)
          add(0, 'message_out', null, 'Acknowledgement sent.', {
            subject: `We have received your feedback — ${reference}`,
            template: 'acknowledgement',
          });
        const reachedInvestigation = status !== 'acknowledged';
        if (reachedInvestigation) {
          move(rng.int(1, 24) * HOUR, 'investigating', handler.id);
          if (!isComplaint) {
            if (status === 'closed') {
              mark.first = mark.responded = add(
                rng.int(2, 72) * HOUR,
                'message_out',
                handler.id,
                'Thank you for your feedback; we have passed it on to the team.',
                { subject: `Thank you — ${reference}` },
              );
              close('no_further_action', rng.int(1, 48) * HOUR);
            }
          } else {
            const askCustomer = status === 'awaiting_customer' || rng.next() < 0.25;
            if (askCustomer) {
              mark.first = add(
                rng.int(2, 48) * HOUR,
                'message_out',
                handler.id,
                'Could you send us your booking or order details and any photos?',
                {
                  subject: `We need a little more information — ${reference}`,
                  template: 'request_information',
                },
              );
              move(MINUTE, 'awaiting_customer', handler.id);
              if (status !== 'awaiting_customer') {
                add(rng.int(4, 96) * HOUR, 'message_in', null, 'Here are the details you asked for.');
                move(rng.int(1, 8) * HOUR, 'investigating', handler.id);
              }
            } else if (status !== 'investigating' || rng.next() < 0.5) {
              mark.first = add(
                rng.int(2, 48) * HOUR,
                'message_out',
                handler.id,
                'We are looking into this and will be in touch shortly.',
                { subject: `An update on your feedback — ${reference}`, template: 'update' },
              );
            }
            if (status === 'awaiting_approval') proposeResolution(true);
            else if (status === 'resolution_proposed') proposeResolution(false);
            else if (!['investigating', 'awaiting_customer'].includes(status)) {
              if (outcome === 'withdrawn') {
                add(
                  rng.int(1, 10) * DAY,
                  'message_in',
                  null,
                  'Please close my complaint; it has been sorted out.',
                );
                close('withdrawn', rng.int(1, 24) * HOUR);
              } else {
                const award =
                  (outcome === 'upheld' ||
                    outcome === 'partly_upheld' ||
                    (status === 'responded' && rng.next() < 0.5)) &&
                  rng.next() < 0.6;
                if (award) proposeResolution(false);
                respond(
                  outcome === 'not_upheld'
                    ? 'We have looked into this carefully and explain below why we are unable to uphold your complaint.'
                    : 'Thank you for raising this. We are sorry, and here is what we will do.',
                );
                if (status !== 'responded') {
                  if (dispute !== 'none') {
                    add(rng.int(1, 7) * DAY, 'customer_rejected', null, 'I do not accept this outcome.');
                    move(MINUTE, 'under_review', supervisor, {}, 'The customer disputes the outcome.');
                    customerAccepted = false;
                    if (dispute === 'referred') {
                      const body = rng.pick(['ombudsman', 'fair_trading', 'consumer_affairs'] as const);
                      const extRef = `${body === 'ombudsman' ? 'OMB' : body === 'fair_trading' ? 'OFT' : 'CA'}-${rng.int(10_000, 99_999)}`;
                      add(rng.int(2, 10) * DAY, 'referred', supervisor, '', {
                        externalBody: body,
                        externalReference: extRef,
                      });
                      move(MINUTE, 'referred_external', supervisor, {
                        externalBody: body,
                        externalReference: extRef,
                      });
                      externalBody = body;
                      externalReference = extRef;
                      customerAccepted = false;
                      if (status === 'closed') close(outcome!, rng.int(14, 40) * DAY);
                    } else if (status === 'closed') {
                      move(rng.int(1, 5) * DAY, 'investigating', supervisor);
                      respond('We have reviewed your complaint again; here is our final response.');
                      add(rng.int(1, 5) * DAY, 'customer_accepted', null, 'Thank you, I accept.');
                      customerAccepted = true;
                      close(outcome!, rng.int(1, 48) * HOUR);
                    }
                  } else {
                    const accepted = rng.next() < 0.8;
                    if (accepted)
                      add(rng.int(2, 96) * HOUR, 'customer_accepted', null, 'Thank you, that is fine.');
                    customerAccepted = accepted ? true : null;
                    close(outcome!, rng.int(1, 96) * HOUR);
                    if (reopened) {
                      add(rng.int(2, 14) * DAY, 'message_in', null, 'The problem has happened again.');
                      move(MINUTE, 'reopened', handler.id, {}, 'The customer reports the problem again.');
                      if (status === 'closed') {
                        move(rng.int(1, 24) * HOUR, 'investigating', handler.id);
                        respond('We have looked into this again and put it right.');
                        close(outcome!, rng.int(1, 72) * HOUR);
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      if (status === 'reopened' && prev !== 'reopened') throw new Error('sample: reopened story incomplete');
      if (prev !== status) throw new Error(`sample: story ended in ${prev}, planned ${status}`);

      // Fit the story into the time since the case was received.
      const factor = t > span * 0.95 ? (span * 0.95) / t : 1;
      const at = (off: number | undefined) =>
        off === undefined ? null : new Date(receivedAt + Math.floor(off * factor));
      for (const e of story)
        events.push({
          case_id: id,
          type: e.type,
          at: at(e.off),
          actor_id: e.actor,
          body: e.body,
          data: e.data,
        });
      for (const s of caseSteps) steps.push({ ...s, doneAt: at(s.doneAt.getTime())! });
      const res = proposed.resolution;
      if (res) {
        res.proposedAt = at(res.proposedAt.getTime())!;
        if (res.decidedAt) res.decidedAt = at(res.decidedAt.getTime());
        resolutions.push(res);
      }
      const isReopenedNow = status === 'reopened';
      const rootCause =
        outcome && isComplaint && outcome !== 'withdrawn' && !isReopenedNow
          ? outcome === 'not_upheld'
            ? rng.pick(['customer_expectation', 'customer_expectation', 'communication', 'policy'])
            : rng.pick(ROOT_CAUSES_BY_CATEGORY[template!.category] ?? ['process', 'system', 'communication'])
          : null;
      const finalOutcome = status === 'closed' ? outcome : null;
      caseRows.push({
        id,
        reference,
        kind: p.kind,
        need_type: p.need ? p.need[0] : null,
        area_id: area.areaId,
        team_id: assigned ? handler.teamId : rng.pick(area.teamIds),
        channel,
        status,
        priority,
        severity,
        category_id: template ? (categoryId.get(template.category) ?? null) : null,
        subject,
        description,
        desired_outcome: template ? fill(template.outcome, tokens) : '',
        customer_type: corporate ? 'corporate' : 'individual',
        customer_name: `${first} ${last}`,
        customer_organisation: corporate ? rng.pick(COMPANIES) : '',
        customer_email: email,
        customer_phone: phone,
        preferred_contact: email ? 'email' : phone ? 'phone' : 'letter',
        concerns_user_id: concernsUserId,
        concerns_product: template?.product ? fill(template.product, tokens) : '',
        assignee_id: assigned ? handler.id : null,
        created_by: createdBy,
        received_at: new Date(receivedAt),
        created_at: new Date(receivedAt),
        acknowledged_at: at(mark.ack),
        first_response_at: at(mark.first),
        responded_at: at(mark.responded),
        closed_at: status === 'closed' ? at(mark.closed) : null,
        outcome: finalOutcome,
        outcome_reason: finalOutcome ? closingReason : '',
        root_cause: status === 'closed' ? rootCause : null,
        resolved_first_contact: firstContact,
        customer_accepted: customerAccepted,
        reopen_count: reopened ? 1 : 0,
        dispute_count: dispute !== 'none' ? 1 : 0,
        external_body: externalBody,
        external_reference: externalReference,
        version: 1 + story.filter((e) => e.type === 'status' || e.type === 'assigned').length,
        updated_at: at(story[story.length - 1]!.off)!,
      });
    }
  }

  await insertRows(tx, 'cases', caseRows);
  await insertRows(tx, 'case_events', events);
  await insertRows(tx, 'case_resolutions', resolutions.map(snakeCase));
  await insertRows(tx, 'case_handling_steps', steps.map(snakeCase));
  return caseRows.length;
}

const snakeCase = (row: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );

/**
 * Bulk INSERTs of up to 1,000 rows, each chunk sent as one JSON parameter expanded by json_populate_recordset:
 * binding tens of thousands of separate parameters is what makes multi-row VALUES slow on PGlite.
 */
async function insertRows(tx: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = sql.raw(Object.keys(rows[0]!).join(', '));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = JSON.stringify(rows.slice(i, i + 1000));
    await tx.execute(
      sql`INSERT INTO ${sql.identifier(table)} (${columns})
          SELECT ${columns} FROM json_populate_recordset(NULL::${sql.identifier(table)}, ${chunk}::json)`,
    );
  }
}
