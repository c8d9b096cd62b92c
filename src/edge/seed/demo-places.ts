/** Names and places for demo data: East African given and family names, clinics and their neighbourhoods. */

/** A clinic seeded as a Location, with the neighbourhoods its patients live in. */
export interface DemoClinic {
  name: string;
  description: string;
  city: string;
  /** County (Kenya) or district (Uganda). */
  state: string;
  country: 'Kenya' | 'Uganda';
  postalCode: string;
  /** Phone country code, for patients' numbers. */
  dialCode: string;
  neighbourhoods: readonly string[];
}

export const demoClinics: readonly DemoClinic[] = [
  {
    name: 'Kibera Community Health Centre', description: 'Outpatient and maternal health, Kibera',
    city: 'Nairobi', state: 'Nairobi', country: 'Kenya', postalCode: '00100', dialCode: '+254',
    neighbourhoods: ['Kibera', 'Laini Saba', 'Makina', 'Olympic', 'Kianda', 'Gatwekera'],
  },
  {
    name: 'Nyalenda Health Centre', description: 'Primary care and HIV clinic, Kisumu',
    city: 'Kisumu', state: 'Kisumu', country: 'Kenya', postalCode: '40100', dialCode: '+254',
    neighbourhoods: ['Nyalenda', 'Manyatta', 'Obunga', 'Kondele', 'Migosi'],
  },
  {
    name: 'Lwak Mission Dispensary', description: 'Rural dispensary, Siaya County',
    city: 'Bondo', state: 'Siaya', country: 'Kenya', postalCode: '40601', dialCode: '+254',
    neighbourhoods: ['Lwak', 'Asembo Bay', 'Nyilima', 'Usenge'],
  },
  {
    name: 'Kawempe Health Centre IV', description: 'Health centre IV with maternity ward, Kampala',
    city: 'Kampala', state: 'Kampala', country: 'Uganda', postalCode: '', dialCode: '+256',
    neighbourhoods: ['Kawempe', 'Bwaise', 'Kazo', 'Mpererwe', 'Kanyanya'],
  },
  {
    name: 'Mbale Regional Outreach Clinic', description: 'Outreach clinic of the regional referral hospital',
    city: 'Mbale', state: 'Mbale', country: 'Uganda', postalCode: '', dialCode: '+256',
    neighbourhoods: ['Namakwekwe', 'Nkoma', 'Busamaga', 'Namatala'],
  },
];

export const femaleGivenNames: readonly string[] = [
  'Amina', 'Akinyi', 'Achieng', 'Atieno', 'Auma', 'Wanjiru', 'Wambui', 'Njeri', 'Nafula', 'Nekesa',
  'Nasimiyu', 'Chebet', 'Jepkosgei', 'Chepkoech', 'Zawadi', 'Halima', 'Mwanaisha', 'Nakato', 'Babirye',
  'Namubiru', 'Nansubuga', 'Akello', 'Aber', 'Grace', 'Faith', 'Mercy', 'Esther', 'Sarah', 'Winnie', 'Joyce',
];

export const maleGivenNames: readonly string[] = [
  'Otieno', 'Ochieng', 'Omondi', 'Onyango', 'Kamau', 'Mwangi', 'Njoroge', 'Kariuki', 'Wafula', 'Barasa',
  'Kiprono', 'Kipchoge', 'Kibet', 'Mutua', 'Musyoka', 'Juma', 'Baraka', 'Hassan', 'Kato', 'Waiswa',
  'Mukasa', 'Ssempala', 'Okello', 'Opio', 'Emmanuel', 'Joseph', 'Peter', 'David', 'Brian', 'Moses',
];

export const familyNames: readonly string[] = [
  'Otieno', 'Odhiambo', 'Ochieng', 'Owino', 'Kamau', 'Mwangi', 'Wanjiku', 'Njoroge', 'Kariuki', 'Nyambura',
  'Wekesa', 'Wafula', 'Simiyu', 'Kiprop', 'Koech', 'Rotich', 'Mutua', 'Muthoni', 'Mohamed', 'Said',
  'Mukasa', 'Ssekandi', 'Nsubuga', 'Namutebi', 'Lubega', 'Kizza', 'Okello', 'Akena', 'Byaruhanga', 'Tumusiime',
];
