package briefing

// countryTable lists the world's countries and a few territories that news
// treats as countries. One per line:
//
//	Name | other names and abbreviations | demonyms (adjective, people) | capitals and seats of government
//
// The capital is listed because news uses it for the government ("Washington
// said"); demonyms because "Iranian officials" speak for Iran. Add a line to
// teach the engine a new country; order does not matter.
const countryTable = `
Afghanistan | | Afghan, Afghans, Afghani | Kabul
Albania | | Albanian, Albanians | Tirana
Algeria | | Algerian, Algerians | Algiers
Andorra | | Andorran, Andorrans | Andorra la Vella
Angola | | Angolan, Angolans | Luanda
Antigua and Barbuda | Antigua | Antiguan, Antiguans | St. John's
Argentina | | Argentine, Argentinian, Argentines, Argentinians | Buenos Aires
Armenia | | Armenian, Armenians | Yerevan
Australia | | Australian, Australians | Canberra
Austria | | Austrian, Austrians | Vienna
Azerbaijan | | Azerbaijani, Azerbaijanis, Azeri, Azeris | Baku
Bahamas | The Bahamas | Bahamian, Bahamians | Nassau
Bahrain | | Bahraini, Bahrainis | Manama
Bangladesh | | Bangladeshi, Bangladeshis | Dhaka
Barbados | | Barbadian, Barbadians, Bajan | Bridgetown
Belarus | | Belarusian, Belarusians | Minsk
Belgium | | Belgian, Belgians | Brussels
Belize | | Belizean, Belizeans | Belmopan
Benin | | Beninese | Porto-Novo
Bhutan | | Bhutanese | Thimphu
Bolivia | | Bolivian, Bolivians | La Paz, Sucre
Bosnia and Herzegovina | Bosnia, Bosnia-Herzegovina | Bosnian, Bosnians | Sarajevo
Botswana | | Botswanan, Batswana, Motswana | Gaborone
Brazil | | Brazilian, Brazilians | Brasilia, Brasília
Brunei | | Bruneian, Bruneians | Bandar Seri Begawan
Bulgaria | | Bulgarian, Bulgarians | Sofia
Burkina Faso | | Burkinabe, Burkinabè | Ouagadougou
Burundi | | Burundian, Burundians | Gitega
Cambodia | | Cambodian, Cambodians | Phnom Penh
Cameroon | | Cameroonian, Cameroonians | Yaounde, Yaoundé
Canada | | Canadian, Canadians | Ottawa
Cape Verde | Cabo Verde | Cape Verdean, Cape Verdeans | Praia
Central African Republic | CAR | Central African, Central Africans | Bangui
Chad | | Chadian, Chadians | N'Djamena
Chile | | Chilean, Chileans | Santiago
China | People's Republic of China, PRC, mainland China | Chinese | Beijing
Colombia | | Colombian, Colombians | Bogota, Bogotá
Comoros | | Comoran, Comorian, Comorians | Moroni
Democratic Republic of the Congo | DR Congo, DRC, Congo-Kinshasa | Congolese | Kinshasa
Republic of the Congo | Congo-Brazzaville, Congo | | Brazzaville
Costa Rica | | Costa Rican, Costa Ricans | San Jose, San José
Croatia | | Croatian, Croatians, Croat, Croats | Zagreb
Cuba | | Cuban, Cubans | Havana
Cyprus | | Cypriot, Cypriots | Nicosia
Czech Republic | Czechia | Czech, Czechs | Prague
Denmark | | Danish, Danes | Copenhagen
Djibouti | | Djiboutian, Djiboutians | 
Dominica | | Dominican | Roseau
Dominican Republic | | Dominicans | Santo Domingo
East Timor | Timor-Leste | Timorese | Dili
Ecuador | | Ecuadorian, Ecuadorians, Ecuadorean | Quito
Egypt | | Egyptian, Egyptians | Cairo
El Salvador | | Salvadoran, Salvadorans, Salvadorean | San Salvador
England | | English | 
Equatorial Guinea | | Equatoguinean, Equatorial Guinean | Malabo
Eritrea | | Eritrean, Eritreans | Asmara
Estonia | | Estonian, Estonians | Tallinn
Eswatini | Swaziland | Swazi, Swazis | Mbabane
Ethiopia | | Ethiopian, Ethiopians | Addis Ababa
Fiji | | Fijian, Fijians | Suva
Finland | | Finnish, Finns | Helsinki
France | | French, Frenchman, Frenchwoman | Paris
Gabon | | Gabonese | Libreville
Gambia | The Gambia | Gambian, Gambians | Banjul
Georgia | | Georgian, Georgians | Tbilisi
Germany | | German, Germans | Berlin
Ghana | | Ghanaian, Ghanaians | Accra
Greece | | Greek, Greeks | Athens
Grenada | | Grenadian, Grenadians | St. George's
Guatemala | | Guatemalan, Guatemalans | Guatemala City
Guinea | | Guinean, Guineans | Conakry
Guinea-Bissau | | Bissau-Guinean | Bissau
Guyana | | Guyanese | Georgetown
Haiti | | Haitian, Haitians | Port-au-Prince
Honduras | | Honduran, Hondurans | Tegucigalpa
Hungary | | Hungarian, Hungarians | Budapest
Iceland | | Icelandic, Icelanders | Reykjavik, Reykjavík
India | | Indian, Indians | New Delhi
Indonesia | | Indonesian, Indonesians | Jakarta
Iran | Islamic Republic of Iran, Islamic Republic | Iranian, Iranians, Persian | Tehran
Iraq | | Iraqi, Iraqis | Baghdad
Ireland | Republic of Ireland, Irish Republic | Irish, Irishman, Irishwoman | Dublin
Israel | | Israeli, Israelis | Jerusalem
Italy | | Italian, Italians | Rome
Ivory Coast | Cote d'Ivoire, Côte d'Ivoire | Ivorian, Ivorians | Yamoussoukro, Abidjan
Jamaica | | Jamaican, Jamaicans | Kingston
Japan | | Japanese | Tokyo
Jordan | | Jordanian, Jordanians | Amman
Kazakhstan | | Kazakh, Kazakhs, Kazakhstani | Astana
Kenya | | Kenyan, Kenyans | Nairobi
Kiribati | | I-Kiribati | Tarawa
Kosovo | | Kosovar, Kosovars, Kosovan | Pristina
Kuwait | | Kuwaiti, Kuwaitis | Kuwait City
Kyrgyzstan | | Kyrgyz | Bishkek
Laos | | Lao, Laotian, Laotians | Vientiane
Latvia | | Latvian, Latvians | Riga
Lebanon | | Lebanese | Beirut
Lesotho | | Basotho, Mosotho | Maseru
Liberia | | Liberian, Liberians | Monrovia
Libya | | Libyan, Libyans | Tripoli
Liechtenstein | | Liechtensteiner | Vaduz
Lithuania | | Lithuanian, Lithuanians | Vilnius
Luxembourg | | Luxembourger, Luxembourgers, Luxembourgish | 
Madagascar | | Malagasy | Antananarivo
Malawi | | Malawian, Malawians | Lilongwe
Malaysia | | Malaysian, Malaysians | Kuala Lumpur, Putrajaya
Maldives | | Maldivian, Maldivians | Male, Malé
Mali | | Malian, Malians | Bamako
Malta | | Maltese | Valletta
Marshall Islands | | Marshallese | Majuro
Mauritania | | Mauritanian, Mauritanians | Nouakchott
Mauritius | | Mauritian, Mauritians | Port Louis
Mexico | | Mexican, Mexicans | Mexico City
Micronesia | | Micronesian, Micronesians | Palikir
Moldova | | Moldovan, Moldovans | Chisinau, Chișinău
Monaco | | Monegasque | 
Mongolia | | Mongolian, Mongolians | Ulaanbaatar, Ulan Bator
Montenegro | | Montenegrin, Montenegrins | Podgorica
Morocco | | Moroccan, Moroccans | Rabat
Mozambique | | Mozambican, Mozambicans | Maputo
Myanmar | Burma | Burmese, Myanmarese | Naypyidaw, Naypyitaw
Namibia | | Namibian, Namibians | Windhoek
Nauru | | Nauruan | Yaren
Nepal | | Nepalese, Nepali, Nepalis | Kathmandu
Netherlands | The Netherlands, Holland | Dutch, Dutchman | Amsterdam, The Hague
New Zealand | | New Zealander, New Zealanders, Kiwi, Kiwis | Wellington
Nicaragua | | Nicaraguan, Nicaraguans | Managua
Niger | | Nigerien, Nigeriens | Niamey
Nigeria | | Nigerian, Nigerians | Abuja
North Korea | Democratic People's Republic of Korea, DPRK | North Korean, North Koreans | Pyongyang
North Macedonia | Macedonia | Macedonian, Macedonians | Skopje
Northern Ireland | | | Belfast, Stormont
Norway | | Norwegian, Norwegians | Oslo
Oman | Sultanate of Oman | Omani, Omanis | Muscat
Pakistan | | Pakistani, Pakistanis | Islamabad
Palau | | Palauan | Ngerulmud
Palestine | Palestinian territories, State of Palestine | Palestinian, Palestinians | Ramallah
Panama | | Panamanian, Panamanians | Panama City
Papua New Guinea | PNG | Papua New Guinean | Port Moresby
Paraguay | | Paraguayan, Paraguayans | Asuncion, Asunción
Peru | | Peruvian, Peruvians | Lima
Philippines | The Philippines | Filipino, Filipinos, Philippine | Manila
Poland | | Polish, Poles | Warsaw
Portugal | | Portuguese | Lisbon
Qatar | | Qatari, Qataris | Doha
Romania | | Romanian, Romanians | Bucharest
Russia | Russian Federation | Russian, Russians | Moscow
Rwanda | | Rwandan, Rwandans | Kigali
Saint Kitts and Nevis | St Kitts and Nevis | Kittitian | Basseterre
Saint Lucia | St Lucia | Saint Lucian | Castries
Saint Vincent and the Grenadines | St Vincent | Vincentian | Kingstown
Samoa | | Samoan, Samoans | Apia
San Marino | | Sammarinese | 
Sao Tome and Principe | São Tomé and Príncipe | Santomean | Sao Tome
Saudi Arabia | Kingdom of Saudi Arabia, KSA | Saudi, Saudis | Riyadh
Scotland | | Scottish, Scots | Edinburgh, Holyrood
Senegal | | Senegalese | Dakar
Serbia | | Serbian, Serbians, Serb, Serbs | Belgrade
Seychelles | | Seychellois | Victoria
Sierra Leone | | Sierra Leonean, Sierra Leoneans | Freetown
Singapore | | Singaporean, Singaporeans | 
Slovakia | | Slovak, Slovaks, Slovakian | Bratislava
Slovenia | | Slovenian, Slovenians, Slovene, Slovenes | Ljubljana
Solomon Islands | | Solomon Islander | Honiara
Somalia | | Somali, Somalis | Mogadishu
South Africa | | South African, South Africans | Pretoria, Cape Town
South Korea | Republic of Korea, Korea, ROK | South Korean, South Koreans, Korean, Koreans | Seoul
South Sudan | | South Sudanese | Juba
Spain | | Spanish, Spaniard, Spaniards | Madrid
Sri Lanka | | Sri Lankan, Sri Lankans | Colombo
Sudan | | Sudanese | Khartoum
Suriname | | Surinamese | Paramaribo
Sweden | | Swedish, Swedes | Stockholm
Switzerland | | Swiss | Bern, Berne
Syria | | Syrian, Syrians | Damascus
Taiwan | Republic of China | Taiwanese | Taipei
Tajikistan | | Tajik, Tajiks | Dushanbe
Tanzania | | Tanzanian, Tanzanians | Dodoma
Thailand | | Thai, Thais | Bangkok
Togo | | Togolese | Lome, Lomé
Tonga | | Tongan, Tongans | Nuku'alofa
Trinidad and Tobago | Trinidad | Trinidadian, Trinidadians | Port of Spain
Tunisia | | Tunisian, Tunisians | Tunis
Turkey | Türkiye, Turkiye | Turkish, Turks | Ankara
Turkmenistan | | Turkmen | Ashgabat
Tuvalu | | Tuvaluan | Funafuti
Uganda | | Ugandan, Ugandans | Kampala
Ukraine | | Ukrainian, Ukrainians | Kyiv, Kiev
United Arab Emirates | UAE, U.A.E., Emirates | Emirati, Emiratis | Abu Dhabi
United Kingdom | UK, U.K., Britain, Great Britain | British, Briton, Britons, Brit, Brits | London, Downing Street, Whitehall, Westminster
United States | U.S., US, USA, U.S.A., America, United States of America | American, Americans | Washington, White House
Uruguay | | Uruguayan, Uruguayans | Montevideo
Uzbekistan | | Uzbek, Uzbeks | Tashkent
Vanuatu | | Ni-Vanuatu | Port Vila
Vatican City | Vatican, Holy See | | 
Venezuela | | Venezuelan, Venezuelans | Caracas
Vietnam | Viet Nam | Vietnamese | Hanoi
Wales | | Welsh | Cardiff
Yemen | | Yemeni, Yemenis | Sanaa, Sana'a
Zambia | | Zambian, Zambians | Lusaka
Zimbabwe | | Zimbabwean, Zimbabweans | Harare
Greenland | | Greenlandic, Greenlanders | Nuuk
Hong Kong | | Hongkonger, Hongkongers | 
Puerto Rico | | Puerto Rican, Puerto Ricans | San Juan
Western Sahara | | Sahrawi, Sahrawis | 
`

// governmentSeatTable names buildings news uses for a government. They are
// aliases of the country they speak for; listed apart from capitals because
// they never denote the place itself.
const governmentSeatTable = `
Kremlin | Russia
Elysee | France
Élysée | France
Elysee Palace | France
Élysée Palace | France
Zhongnanhai | China
Blue House | South Korea
Quai d'Orsay | France
`
