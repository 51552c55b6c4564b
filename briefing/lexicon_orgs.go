package briefing

// orgLastWords end organisation names: "Port Halden City Council",
// "Nordvik Foods", "Harbourside United". Compared lower-case.
const orgLastWords = `
council, committee, commission, party, union, organization, organisation, agency, authority, bank, group,
inc, inc., ltd, ltd., llc, plc, corp, corp., corporation, company, co, co., holdings, partners, securities,
capital, research, foods, food, dairy, dairies, airlines, airline, airways, motors, energy, oil, gas,
petroleum, pharmaceuticals, pharma, technologies, technology, tech, systems, software, media, entertainment,
studios, records, press, times, post, news, network, networks, broadcasting, insurance, telecom, telecoms,
communications, industries, enterprises, logistics, ventures, electric, steel, mining, resources,
foundation, fund, trust, institute, institution, university, college, school, academy, clinic, society,
association, federation, alliance, coalition, front, movement, congress, parliament, assembly, senate,
court, tribunal, police, army, navy, force, forces, guard, guards, service, services, office, bureau,
board, centre, center, club, united, fc, afc, cf, sc, rovers, athletic, athletico, wanderers, hotspur,
albion, rangers, brigade, brigades, militia, democrats, republicans, socialists, greens, liberals,
conservatives, labour, co-operative, cooperative, co-op, secretariat, directorate, command, cabinet,
government, administration, department, ministry, watch, international, network, corps, collective,
cooperative, consortium, exchange, reserve, hospital, infirmary, hospice, treasury, church, diocese, mission, council, caucus, lab, labs,
laboratories, airport-authority, railways, railway, rail, transit, brewery, brewing, bakery, farms, mills,
mutual, cooperative, bancorp, financial, finance, investments, investment, advisors, advisers, associates,
consulting, solutions, group, trading, shipping, lines, cruises, hotels, resorts, stores, markets,
supermarkets, retail, brands, guild, guilds, ratings, developments, forum, partnership, initiative, syndicate, confederation,
freight, haulage, haulier, hauliers, couriers, ferries, aviation, automotive, therapeutics, biotech, biosciences,
healthcare, medical, analytics, management, advisory, productions, homes, properties, realty, estates, utilities,
renewables, water, apparel, cosmetics, beverages, drinks, distillers, brewers, wines, fisheries, textiles,
plastics, packaging, instruments, devices, dynamics, machinery, equipment, wholesale, payments, lending,
fintech, sports, interactive, digital, outfitters, bancshares, supplies, distribution, foodservice, chemicals, minerals, metals, gold, cement, construction, engineering,
aerospace, defence, defense, robotics, semiconductor, semiconductors, electronics, mobile, wireless,
games, studio, films, pictures, publishing, publishers, books, magazine, gazette, herald, tribune,
chronicle, journal, observer, guardian, dispatch, inquirer, enquirer, sentinel, bulletin, mail, star, daily, telegraph, independent, examiner, courier, mirror, sun, express,
standard, reuters, bloomberg, agence, radio, television, tv, broadcaster, channel
`

// orgHeadWords start organisation names written "X of Y" or "X for Y":
// "Ministry of Health", "Department of Public Works", "Office for ...".
const orgHeadWords = `
ministry, department, office, university, bank, institute, council, commission, committee, association,
federation, society, union, church, court, house, chamber, board, bureau, centre, center, agency,
organization, organisation, fund, foundation, league, party, academy, college, school, museum, order,
friends, campaign, coalition, alliance, front, movement, army, corps, division, directorate, secretariat,
authority, conference, congregation, confederation, federation, people, state, states, republic, kingdom,
united, national, international, royal, world, european, international, global, mission, institution,
service, services, force, forces, police, guard, council, club, trust, network, centers, centres, fraternal,
brotherhood, sisterhood, ministry, embassy, consulate, legion, knights, sons, daughters, veterans, doctors,
parents, mothers, citizens, scientists, lawyers, teachers, women, students, workers, farmers, physicians,
reporters, journalists, americans, britons, europeans, campaigners
`

// placeHeadWords start place names written "X of Y": "Bay of Bengal".
const placeHeadWords = `
bay, gulf, sea, strait, straits, isle, island, islands, cape, lake, river, mount, gulf, port, city, town,
county, district, province, region, valley, plain, plains, coast, state
`

// knownOrgTable: organisations news names without any clue in the name
// itself. "Name | aliases | kind". kind: org, or platform (a service people
// post on: named as a channel, listed only when it acts).
const knownOrgTable = `
United Nations | UN, U.N. | org
European Union | EU, E.U. | org
NATO | North Atlantic Treaty Organization, Nato | org
World Health Organization | WHO | org
International Monetary Fund | IMF | org
World Bank | | org
World Trade Organization | WTO | org
Organization of the Petroleum Exporting Countries | OPEC, Opec | org
International Atomic Energy Agency | IAEA | org
UNICEF | Unicef | org
UNESCO | Unesco | org
UNHCR | U.N. refugee agency, UN refugee agency | org
International Committee of the Red Cross | ICRC | org
Red Cross | | org
Red Crescent | | org
Amnesty International | Amnesty | org
Human Rights Watch | HRW | org
Doctors Without Borders | Medecins Sans Frontieres, Médecins Sans Frontières, MSF | org
Oxfam | | org
Greenpeace | | org
Hamas | | org
Hezbollah | Hizbollah, Hizbullah | org
Taliban | | org
Islamic State | ISIS, ISIL, Daesh | org
al-Qaeda | al Qaeda, Al Qaeda, Al-Qaeda | org
Houthis | Houthi, Ansar Allah | org
Islamic Jihad | | org
Wagner Group | Wagner | org
Islamic Revolutionary Guard Corps | IRGC, Revolutionary Guards, Revolutionary Guard | org
Kurdistan Workers' Party | PKK | org
Boko Haram | | org
al-Shabab | al-Shabaab, Al-Shabaab | org
Federal Reserve | Fed | org
European Central Bank | ECB | org
Bank of England | BoE | org
Bank of Japan | BoJ | org
People's Bank of China | PBOC | org
FBI | Federal Bureau of Investigation | org
Customs and Border Protection | CBP, U.S. Customs and Border Protection, US Customs and Border Protection | org
Immigration and Customs Enforcement | ICE, U.S. Immigration and Customs Enforcement | org
United Nations High Commissioner for Human Rights | UN High Commissioner for Human Rights, U.N. High Commissioner for Human Rights, OHCHR | org
United Nations High Commissioner for Refugees | UN High Commissioner for Refugees | org
CIA | Central Intelligence Agency | org
NSA | National Security Agency | org
Pentagon | | org
NASA | | org
European Commission | | org
European Parliament | | org
European Council | | org
African Union | AU | org
Arab League | | org
ASEAN | Association of Southeast Asian Nations | org
G7 | Group of Seven | org
G20 | Group of 20 | org
BRICS | | org
OECD | Organisation for Economic Co-operation and Development | org
International Criminal Court | ICC | org
International Court of Justice | ICJ | org
Supreme Court | | org
Congress | U.S. Congress | org
Senate | | org
House of Representatives | | org
Knesset | | org
Bundestag | | org
Kremlin | | org
Security Council | UN Security Council, U.N. Security Council | org
FIFA | Fifa | org
UEFA | Uefa | org
International Olympic Committee | IOC | org
Premier League | | org
Apple | | org
Google | | org
Alphabet | | org
Microsoft | | org
Amazon | | org
Meta | | org
Tesla | | org
SpaceX | | org
OpenAI | | org
Nvidia | | org
Samsung | | org
Toyota | | org
Volkswagen | VW | org
Boeing | | org
Airbus | | org
Shell | | org
BP | | org
ExxonMobil | Exxon | org
Chevron | | org
Aramco | Saudi Aramco | org
Gazprom | | org
Rosneft | | org
Huawei | | org
Alibaba | | org
Tencent | | org
ByteDance | | org
Sony | | org
Nestle | Nestlé | org
Unilever | | org
Pfizer | | org
Moderna | | org
AstraZeneca | | org
BBC | | org
CNN | | org
Reuters | | org
Associated Press | AP | org
Agence France-Presse | AFP | org
Bloomberg | | org
Facebook | | platform
Instagram | | platform
X | | platform
Twitter | | platform
TikTok | | platform
YouTube | | platform
WhatsApp | | platform
Telegram | | platform
Truth Social | | platform
Threads | | platform
Bluesky | | platform
LinkedIn | | platform
Reddit | | platform
Snapchat | | platform
Weibo | | platform
WeChat | | platform
`
