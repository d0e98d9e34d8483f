// What sample customers write about, per area, and the words staff use when closing: the texts behind the
// sample cases (sample-cases.ts). Australian spelling; every name, email and phone number is fictional.
import type { Channel, NeedType, Outcome } from '../../../contracts/cases.js';

// {tokens} in the texts are filled from the pools of the area and COMMON_TOKENS.
export interface Template {
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

export interface AreaProfile {
  complaintsPerMonth: number;
  otherPerMonth: number;
  channels: [Channel, number][];
  complaints: Template[];
  compliments: string[][];
  suggestions: string[][];
  enquiries: [NeedType, string, string][];
  tokens: Record<string, readonly string[]>;
}

export const PROFILES: Record<string, AreaProfile> = {
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

export const COMMON_TOKENS: Record<string, readonly string[]> = {
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  time: ['6.30 am', '7 am', '12.15 pm', '1 pm', '6 pm', '7.15 pm', '7.45 pm', '8.30 pm'],
  item: ['item'],
  dish: ['meal'],
};

export const CUSTOMER_FIRST =
  'Sophie James Emily Daniel Hannah Lucas Ella Samuel Matilda Harrison Georgia Riley Jasmine Cooper Sienna Patrick Lily Angus Evie Xavier Anh Ravi Fatima Kenji Leilani Dimitri Sofia Bao Tahlia Manpreet'.split(
    ' ',
  );
export const CUSTOMER_LAST =
  'Jones Thompson Lee Harris Ryan Robinson Hughes Edwards Clarke Young King Wright Scott Green Baker Adams Mitchell Roberts Phillips Evans Papadopoulos Le Huang Sharma Ali Fraser Mackenzie Bui Costa Gill'.split(
    ' ',
  );
export const COMPANIES = [
  'Harbourside Events Pty Ltd',
  'Coastal Travel Group',
  'Bluegum Consulting',
  'Southern Cross Tours',
];
/** Numbers set aside by ACMA for fiction, so no real person is rung. */
export const PHONES =
  '0491 570 006|0491 570 156|0491 570 157|0491 570 158|0491 570 159|0491 570 110|0491 570 313|0491 570 737|0491 571 266|0491 571 491|0491 571 804|0491 572 549|(02) 5550 1234|(03) 5550 4321|(07) 5550 9876'.split(
    '|',
  );

export const OUTCOME_REASONS: Record<Outcome, string[]> = {
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

export const ROOT_CAUSES_BY_CATEGORY: Record<string, string[]> = {
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
