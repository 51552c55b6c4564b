package briefing

// regionTable names regions, seas and disputed areas: places news mentions
// that are never a country's government. Comma-separated, any order.
const regionTable = `
Middle East, Near East, Far East, Europe, Asia, Africa, North America, South America, Latin America,
Central America, Caribbean, Oceania, Antarctica, Arctic, Antarctic, Gulf, Persian Gulf, Arabian Gulf,
Arabian Peninsula, Balkans, Baltics, Baltic, Caucasus, Central Asia, South Asia, Southeast Asia, East Asia,
West Africa, East Africa, North Africa, Southern Africa, Central Africa, Sub-Saharan Africa, Horn of Africa,
Sahel, Maghreb, Levant, Scandinavia, Nordics, Eurozone, Euro Zone, Western Europe, Eastern Europe,
Central Europe, Northern Europe, Southern Europe, Mediterranean, Pacific, Atlantic, Indian Ocean,
Pacific Ocean, Atlantic Ocean, Red Sea, Black Sea, Caspian Sea, Dead Sea, North Sea, Baltic Sea,
South China Sea, East China Sea, Sea of Japan, Strait of Hormuz, Taiwan Strait, Bosphorus, Suez Canal,
Panama Canal, Gaza, Gaza Strip, West Bank, East Jerusalem, Golan Heights, Sinai, Crimea, Donbas, Donbass,
Donetsk, Luhansk, Kherson, Zaporizhzhia, Kashmir, Tibet, Xinjiang, Kurdistan, Darfur, Tigray, Siberia,
Patagonia, Himalayas, Alps, Andes, Sahara, Bay of Bengal, Nile, Rhine, Danube, Thames, Yangtze,
Mississippi, Midwest, Silicon Valley, Wall Street, Main Street, Hollywood, Riviera, Highlands,
Rust Belt, Bible Belt, Deep South, Pacific Northwest, New England, Northern Territory, Punjab, Bengal,
Balochistan, Sindh, Idlib, Aleppo, Mosul, Kandahar, Helmand, Rafah, Khan Younis, Jenin, Nablus, Hebron,
Bakhmut, Avdiivka, Mariupol, Odesa, Odessa, Kharkiv, Lviv, Dnipro, Belgorod, Kursk, Chechnya, Dagestan,
Nagorno-Karabakh, Karabakh, Transnistria, Abkhazia, South Ossetia, Catalonia, Basque Country, Flanders,
Wallonia, Bavaria, Lombardy, Sicily, Sardinia, Corsica, Brittany, Normandy, Provence, Andalusia,
Galicia, Quebec, Ontario, Alberta, British Columbia, Manitoba, Saskatchewan, Nova Scotia, Yukon,
New South Wales, Queensland, Tasmania, Western Australia, South Australia,
Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Hawaii, Idaho,
Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts, Michigan,
Minnesota, Missouri, Montana, Nebraska, Nevada, New Hampshire, New Jersey, New Mexico, New York State,
North Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina,
South Dakota, Tennessee, Texas, Utah, Vermont, Virginia, West Virginia, Wisconsin, Wyoming,
District of Columbia, Washington State, Washington D.C., Washington DC, Guam,
Cornwall, Devon, Yorkshire, Lancashire, Kent, Essex, Surrey, Sussex, Merseyside, Midlands, East Anglia,
Ulster, Munster, Leinster, Connacht, Mayo, Galway, Donegal, Cork, Limerick, Waterford, Wexford,
Kilkenny, Tipperary, Sligo, Wicklow, Meath, Louth, Antrim, Derry, Tyrone, Fermanagh, Armagh
`

// cityTable names large cities that are not capitals: places, never a
// government. Comma-separated, any order.
const cityTable = `
New York, New York City, Los Angeles, Chicago, Houston, Phoenix, Philadelphia, San Antonio, San Diego,
Dallas, San Francisco, Seattle, Boston, Miami, Atlanta, Detroit, Denver, Las Vegas, Portland, Baltimore,
Minneapolis, St. Louis, New Orleans, Pittsburgh, Cleveland, Cincinnati, Nashville, Austin, Orlando,
Tampa, Sacramento, Honolulu, Anchorage, Brooklyn, Manhattan, Queens, Bronx, Toronto, Montreal, Vancouver,
Calgary, Edmonton, Sydney, Melbourne, Brisbane, Perth, Adelaide, Auckland, Christchurch, Manchester,
Birmingham, Liverpool, Leeds, Glasgow, Bristol, Sheffield, Newcastle, Nottingham, Leicester, Oxford,
Cambridge, Brighton, Southampton, Aberdeen, Swansea, Galway, Derry, Hamburg, Munich, Cologne, Frankfurt,
Stuttgart, Dusseldorf, Düsseldorf, Dresden, Leipzig, Marseille, Lyon, Toulouse, Nice, Bordeaux, Lille,
Strasbourg, Milan, Naples, Turin, Florence, Venice, Genoa, Bologna, Palermo, Barcelona, Valencia,
Seville, Bilbao, Malaga, Málaga, Porto, Rotterdam, Antwerp, Geneva, Zurich, Zürich, Basel, Lausanne,
Davos, Gothenburg, Bergen, Krakow, Kraków, Gdansk, Gdańsk, Wroclaw, Istanbul, Izmir, Antalya, Tel Aviv,
Haifa, Jeddah, Mecca, Medina, Dubai, Sharjah, Basra, Erbil, Kirkuk, Isfahan, Mashhad, Shiraz, Tabriz,
Karachi, Lahore, Peshawar, Mumbai, Bombay, Kolkata, Calcutta, Chennai, Madras, Bangalore, Bengaluru,
Hyderabad, Ahmedabad, Pune, Chittagong, Shanghai, Guangzhou, Shenzhen, Wuhan, Chengdu, Chongqing,
Tianjin, Nanjing, Hangzhou, Xi'an, Harbin, Macau, Osaka, Kyoto, Yokohama, Nagoya, Hiroshima, Nagasaki,
Fukushima, Busan, Incheon, Ho Chi Minh City, Saigon, Surabaya, Bali, Cebu, Davao, Johannesburg, Durban,
Lagos, Kano, Ibadan, Port Harcourt, Mombasa, Alexandria, Casablanca, Marrakech, Benghazi, Goma, Aden,
Sao Paulo, São Paulo, Rio de Janeiro, Rio, Salvador, Recife, Medellin, Medellín, Cali, Guadalajara,
Monterrey, Tijuana, Cancun, Cancún, St. Petersburg, Saint Petersburg, Novosibirsk, Yekaterinburg,
Kazan, Sochi, Vladivostok, Murmansk, Kaliningrad, Minsk, Almaty, Samarkand
`

// nonActorHeads are last words of capitalised names that denote places,
// events, laws and works: things a briefing never lists as actors.
const nonActorHeads = `
street, st, road, rd, avenue, ave, boulevard, blvd, lane, drive, way, square, plaza, bridge, park, river,
lake, sea, ocean, bay, gulf, strait, channel, canal, island, islands, isle, peninsula, mountain, mountains,
mount, hill, hills, valley, desert, coast, beach, forest, county, district, province, region, territory,
prefecture, oblast, airport, station, stadium, arena, ground, hall, house, buildings, building, palace,
castle, cathedral, mosque, temple, synagogue, harbour, harbor, quay, dam, tower, towers, centre-court,
bill, act, law, treaty, accord, accords, agreement, pact, plan, strategy, cup, league, championship,
championships, olympics, games, prix, series, tour, summit, conference, forum, festival, awards, award,
prize, week, day, year, index, budget, war, crisis, election, elections, referendum, marathon, open,
trophy, final, finals, derby, show, season, era, age, empire, dynasty, revolution, declaration, doctrine,
protocol, convention, code, constitution, amendment, charter, program, programme, scheme, initiative,
project, report, review, survey, poll, study, census, fund-raiser, virus, disease, syndrome, storm,
hurricane, cyclone, typhoon, earthquake, flood, fire, covid-19, covid, pandemic, portal, app, platform,
creek, brook, stream, falls, glacier, reef, canyon, woods, heath, moor, marsh, fen, estate, crescent, close,
terrace, gardens, grove, row, parade, place, wharf, theatre, theater, cinema, gallery, opera, auditorium,
pub, inn, restaurant, cafe, café, hotel, mall, plaza, pier, dock, docks, marina, motorway, highway, freeway, expressway
`
