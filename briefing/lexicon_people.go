package briefing

// honorificTable: forms of address written before a name. "word gender",
// gender m, f or - (unknown). The period form is derived automatically.
const honorificTable = `
mr m, mrs f, ms f, miss f, mx -, dr -, cllr -, prof -, professor -, sir m, dame f, lord m, lady f, rev -, reverend -,
fr m, father m, sister f, brother m, sheikh m, sheikha f, imam m, rabbi -, pastor -, mme f, mlle f, herr m,
frau f, señor m, señora f, sr m, sra f, dom m, don m, doña f, madame f, monsieur m, signor m, signora f, hon -,
honourable -, honorable -
`

// titleTable: titles and offices that, capitalised before a name, make the
// name a person's and give the role ("Foreign Minister Abbas X"). Several
// words of a multi-word title are each listed ("prime", "minister"). The
// same words, lower-case, work as role nouns before a name ("manager X").
// "word gender".
const titleTable = `
president -, vice -, prime -, minister -, cllr -, premier -, chancellor -, secretary -, secretary-general -,
senator -, sen -, representative -, rep -, congressman m, congresswoman f, congressmember -, governor -,
gov -, lieutenant -, lt -, mayor -, councilor -, councillor -, alderman -, alderwoman f, commissioner -,
judge -, justice -, magistrate -, ambassador -, envoy -, general -, gen -, colonel -, col -, major -, maj -,
captain -, capt -, admiral -, adm -, commander -, cmdr -, sergeant -, sgt -, corporal -, cpl -, private -,
marshal -, brigadier -, officer -, detective -, det -, inspector -, insp -, superintendent -, supt -,
constable -, sheriff -, deputy -, chief -, king m, queen f, prince m, princess f, duke m, duchess f,
emperor m, empress f, emir m, sultan m, crown -, pope m, cardinal m, archbishop -, bishop -, ayatollah m,
grand -, mullah m, taoiseach -, tánaiste -, tanaiste -, speaker -, leader -, director -, director-general -,
attorney -, prosecutor -, coach -, manager -, chairman m, chairwoman f, chairperson -, chair -,
spokesman m, spokeswoman f, spokesperson -, executive -, ceo -, cfo -, coo -, founder -, co-founder -,
president-elect -, mp -, mep -, td -, msp -, mla -, dean -, provost -, rector -, principal -, registrar -,
treasurer -, auditor -, comptroller -, controller -, ombudsman -, coroner -, warden -, undersecretary -,
under-secretary -, assistant -, associate -, acting -, interim -, shadow -, junior -, state -,
first -, foreign -, defence -, defense -, finance -, health -, interior -, home -, justice -, education -,
labour -, labor -, trade -, energy -, environment -, transport -, transportation -, agriculture -,
housing -, culture -, sports -, economy -, economic -, digital -, science -, treasury -, cabinet -,
head -, patriarch m, metropolitan -, grand-duke m, baron m, baroness f, earl m, countess f, viscount m,
marquess m, khan m, raja m, rani f, maharaja m, shah m, tsar m, czar m, caliph m, general-secretary -,
secretary-general -, registrar -, senior -, special -, national -, federal -, state -, regional -
`

// titleCoreWords are the title words that can end a title ("Minister",
// "President"); modifiers such as "Foreign" or "Prime" only precede one.
const titleCoreWords = `
president, minister, premier, cllr, chancellor, secretary, secretary-general, senator, sen, representative, rep,
congressman, congresswoman, congressmember, governor, gov, lieutenant, lt, mayor, councilor, councillor,
alderman, alderwoman, commissioner, judge, justice, magistrate, ambassador, envoy, general, gen, colonel,
col, major, maj, captain, capt, admiral, adm, commander, cmdr, sergeant, sgt, corporal, cpl, marshal,
brigadier, officer, detective, det, inspector, insp, superintendent, supt, constable, sheriff, deputy, chief,
king, queen, prince, princess, duke, duchess, emperor, empress, emir, sultan, pope, cardinal, archbishop,
bishop, ayatollah, mullah, taoiseach, tánaiste, tanaiste, speaker, leader, director, director-general,
attorney, prosecutor, coach, manager, chairman, chairwoman, chairperson, chair, spokesman, spokeswoman,
spokesperson, executive, ceo, cfo, coo, founder, co-founder, president-elect, mp, mep, td, msp, mla, dean,
provost, rector, treasurer, comptroller, ombudsman, coroner, warden, undersecretary, under-secretary,
patriarch, baron, baroness, earl, countess, viscount, marquess, khan, raja, rani, maharaja, shah, tsar,
czar, caliph, general-secretary, head
`

// roleNounTable: lower-case occupation and role nouns. Written before a
// name ("striker Emeka X", "envoy Steve Y") they mark the name as a
// person's; as the head of a phrase ("a senior official", "the agent") they
// describe an unnamed or earlier-named person. "word gender".
const roleNounTable = `
official -, spokesman m, spokeswoman f, spokesperson -, analyst -, economist -, strategist -, expert -,
source -, person -, man m, woman f, boy m, girl f, mother f, father m, son m, daughter f, wife f, husband m,
brother m, sister f, grandmother f, grandfather m, aunt f, uncle m, niece f, nephew m, widow f, widower m,
mum f, mom f, dad m, girlfriend f, boyfriend m, fiancée f, fiancé m, resident -, witness -, diplomat -,
officer -, worker -, doctor -, nurse -, surgeon -, physician -, paramedic -, teacher -, student -, pupil -,
lawyer -, attorney -, solicitor -, barrister -, prosecutor -, judge -, juror -, defendant -, plaintiff -,
victim -, survivor -, suspect -, detective -, investigator -, inspector -, soldier -, commander -,
general -, colonel -, captain -, sergeant -, lieutenant -, pilot -, driver -, passenger -, farmer -,
fisherman m, owner -, founder -, co-founder -, executive -, director -, manager -, coach -, player -,
striker -, midfielder -, defender -, goalkeeper -, forward -, winger -, captain -, referee -, umpire -,
chairman m, chairwoman f, chairperson -, chair -, president -, minister -, secretary -, senator -,
governor -, mayor -, councilor -, councillor -, legislator -, lawmaker -, politician -, candidate -,
campaigner -, activist -, organiser -, organizer -, protester -, demonstrator -, volunteer -, researcher -,
scientist -, epidemiologist -, professor -, lecturer -, academic -, historian -, author -, writer -,
novelist -, journalist -, reporter -, editor -, columnist -, photographer -, presenter -, broadcaster -,
actor m, actress f, singer -, musician -, rapper -, artist -, designer -, architect -, engineer -,
entrepreneur -, businessman m, businesswoman f, banker -, trader -, investor -, shareholder -,
accountant -, consultant -, adviser -, advisor -, aide -, negotiator -, mediator -, envoy -,
ambassador -, representative -, delegate -, deputy -, leader -, head -, chief -, boss -, agent -,
employee -, staffer -, colleague -, teammate -, partner -, friend -, neighbour -, neighbor -, relative -,
parent -, child -, baby -, teenager -, pensioner -, retiree -, veteran -, priest m, nun f, monk m,
cleric -, bishop -, rabbi -, imam -, pastor -, preacher -, commentator -, pundit -, pollster -,
observer -, monitor -, inspector -, auditor -, regulator -, prosecutor -, official -, insider -,
figure -, member -, supporter -, opponent -, critic -, rival -, ally -, fan -, voter -, citizen -,
villager -, local -, commuter -, shopkeeper -, shopper -, customer -, patient -, tenant -, landlord -,
homeowner -, migrant -, refugee -, asylum-seeker -, immigrant -, militant -, fighter -, rebel -,
gunman m, hostage -, prisoner -, inmate -, guard -, policeman m, policewoman f, firefighter -,
rescuer -, medic -, midwife f, chemist -, pharmacist -, vet -, professional -, athlete -, cyclist -,
runner -, swimmer -, boxer -, jockey -, rider -, champion -, winner -, loser -, finalist -, climber -,
sailor -, skipper -, crewman m, fishermen -, mechanic -, electrician -, builder -, developer -,
planner -, surveyor -, clerk -, secretary-general -, director-general -, treasurer -, registrar -,
comptroller -, ombudsman -, coroner -, warden -, chancellor -, premier -, taoiseach -, speaker -,
king m, queen f, prince m, princess f, monarch -, emir m, sultan m, ayatollah m, cardinal m, pope m,
ceo -, cfo -, coo -, cto -, mp -, mep -, td -, sen -, gov -, rep -, spokesperson -, lady f, gentleman m,
grandson m, granddaughter f, stepmother f, stepfather m, schoolgirl f, schoolboy m, lad m, youth -
`

// groupNounTable: plural nouns for groups of people; "Officials said ..."
// has a group, not a name, as its subject.
const groupNounTable = `
officials, authorities, police, analysts, economists, experts, critics, supporters, opponents, residents,
witnesses, protesters, demonstrators, activists, campaigners, workers, farmers, doctors, nurses, teachers,
parents, students, voters, investors, lawmakers, legislators, diplomats, negotiators, sources, people,
leaders, ministers, officers, soldiers, troops, rebels, militants, fighters, citizens, locals, villagers,
survivors, families, relatives, fans, players, members, shareholders, executives, bankers, traders,
scientists, researchers, rescuers, volunteers, medics, paramedics, firefighters, prosecutors, lawyers,
judges, jurors, investigators, observers, monitors, inspectors, regulators, organisers, organizers,
residents, tenants, landlords, owners, employees, staff, colleagues, allies, rivals, neighbours,
neighbors, migrants, refugees, asylum-seekers, pensioners, consumers, customers, shoppers, commuters,
passengers, pilots, drivers, journalists, reporters, pollsters, commentators, historians, academics,
campaigners, unions, councillors, councilors, senators, governors, mayors, delegates, representatives,
spokespeople, aides, advisers, advisors, insiders, loyalists, hardliners, moderates, conservatives,
liberals, progressives, separatists, insurgents, gunmen, attackers, hostages, prisoners, detainees,
victims, casualties, patients, children, men, women, mothers, fathers, youths, teenagers, clerics, priests,
bishops, athletes, cyclists, relief workers, aid workers, health workers, health officials
`

// stateNouns head phrases that stand for a government when a country or
// its demonym qualifies them: "Iranian officials", "the U.S. government".
const stateNouns = `
officials, authorities, government, administration, leadership, leaders, regime, ministry, negotiators,
diplomats, military, army, forces, navy, cabinet, embassy, foreign ministry, state department, delegation,
president, presidency, state media, state television, officials'
`

// orgNounTable: lower-case nouns for organisations. Before a capitalised
// name they mark it as an organisation ("Spanish club X"); as a phrase head
// ("the ministry", "the Cork-based company") they refer back to one.
const orgNounTable = `
company, firm, group, business, corporation, conglomerate, bank, lender, insurer, carrier, airline,
retailer, supermarket, chain, maker, manufacturer, producer, supplier, distributor, exporter, importer,
operator, developer, startup, start-up, giant, club, side, team, party, union, ministry, department,
agency, council, government, administration, board, trust, charity, organisation, organization, committee,
commission, coalition, alliance, authority, court, regulator, watchdog, tribunal, league, federation,
association, society, institute, university, college, school, hospital, co-operative, cooperative,
broadcaster, newspaper, network, platform, website, force, police, army, military, navy, parliament,
assembly, senate, congress, legislature, cabinet, office, bureau, secretariat, directorate, service,
fund, foundation, think-tank, think tank, consortium, cartel, syndicate, militia, movement, front,
outlet, publisher, studio, label, brewer, distiller, dairy, miner, refiner, utility, telecoms,
automaker, carmaker, chipmaker, drugmaker, pharmaceutical, tech, social network, rival, owner, buyer,
seller, investor, shareholder, body, guild, inspectorate, panel, watchdog, prosecutor's office, chamber,
haulier, airport, port authority, operator, franchise
`

// orgInnerNouns are heads that, owned by an organisation or a country
// ("Greenmeadow's board", "Nordvik's statement"), speak for the owner.
const orgInnerNouns = `
board, management, spokesman, spokeswoman, spokesperson, spokespeople, statement, website, office,
account, press office, communications, leadership, government, administration, officials, authorities,
ministry, foreign ministry, embassy, military, army, forces, delegation, negotiators, diplomats, cabinet,
letter, report, filing, memo, post, tweet, announcement, release, press release, lawyers, lawyer,
attorneys, representatives, directors, executives
`

// femaleFirstNames and maleFirstNames: a weak signal for person names and
// their gender, used only when the text itself gives no pronoun. Broad and
// international on purpose; add freely.
const femaleFirstNames = `
mary, patricia, jennifer, linda, elizabeth, barbara, susan, jessica, sarah, karen, nancy, lisa, betty,
margaret, sandra, ashley, kimberly, emily, donna, michelle, dorothy, carol, amanda, melissa, deborah,
stephanie, rebecca, sharon, laura, cynthia, kathleen, amy, shirley, angela, helen, anna, anne, ann,
brenda, pamela, nicole, emma, samantha, katherine, catherine, christine, debra, rachel, carolyn, janet,
virginia, maria, heather, diane, julie, joyce, victoria, kelly, christina, lauren, joan, evelyn,
olivia, judith, megan, cheryl, martha, andrea, frances, hannah, jacqueline, gloria, jean, kathryn,
alice, teresa, sara, janice, doris, madison, julia, grace, judy, abigail, marie, denise, beverly,
amber, theresa, marilyn, danielle, diana, brittany, natalie, sophia, rose, isabella, alexis, kayla,
charlotte, ruth, naomi, esther, miriam, leah, tamar, noa, yael, hila, shira, fiona, siobhan, niamh,
aoife, maeve, sinead, sinéad, orla, ciara, aisling, róisín, roisin, grainne, gráinne, nuala, eimear,
caoimhe, saoirse, clodagh, deirdre, mairead, máiréad, bridget, brigid, eileen, maureen, colleen, moira,
kirsty, kirsten, morag, ailsa, isla, eilidh, catriona, lorna, fenella, gwen, gwyneth, cerys, sian,
siân, rhiannon, bethan, ffion, nia, lowri, carys, heledd, sophie, chloe, lucy, holly, ellie, amelia,
poppy, freya, harriet, imogen, georgia, florence, phoebe, beatrice, eleanor, eloise, matilda, zara,
yasmin, jasmine, priya, anjali, sunita, anita, kavita, pooja, deepika, lakshmi, meera, neha, divya,
shreya, aishwarya, indira, sonia, priyanka, nirmala, smriti, mamata, hasina, khaleda, fatima, fatma,
aisha, ayesha, khadija, maryam, mariam, zainab, zeinab, amina, aminah, leila, layla, laila, noor, nour,
huda, hoda, rania, dina, dana, lina, rima, reem, salma, samira, yasmine, nadia, farah, farida, shirin,
shireen, parisa, nasrin, zahra, soraya, golnar, mahsa, narges, hina, sana, sadia, nusrat, rokeya,
shabnam, amira, ines, inès, ana, lucia, lucía, carmen, isabel, sofia, sofía, valentina, camila,
daniela, gabriela, paula, marta, elena, pilar, rosa, dolores, mercedes, beatriz, juliana, mariana,
fernanda, luisa, letícia, leticia, adriana, graça, joana, francesca, giulia, chiara, alessandra,
federica, silvia, giovanna, paola, elisa, sabrina, claudia, martina, giorgia, marine, camille, chloé,
manon, léa, lea, juliette, amélie, amelie, céline, celine, brigitte, ségolène, segolene, anne-marie,
marie-claire, nathalie, isabelle, sandrine, valérie, valerie, sylvie, hélène, helene, ursula, annalena,
katarina, katharina, sabine, petra, ingrid, greta, heidi, monika, birgit, gudrun, jutta, annika, anja,
mette, margrethe, hanne, astrid, sigrid, liv, karin, sanna, magdalena, ebba, elin, tove, marit, erna,
jacinda, penny, kamala, hillary, condoleezza, madeleine, gina, kristi, marjorie, alexandria, ilhan,
rashida, elise, tammy, tulsi, liz, nicola, priti, suella, yvette, kemi, olena, yulia, tetiana, tatiana,
tatyana, natalia, natalya, svetlana, olga, irina, ekaterina, yekaterina, anastasia, oksana, iryna,
lyudmila, galina, zoya, alina, daria, darya, polina, ksenia, marina, vera, nadezhda, agnieszka,
katarzyna, małgorzata, malgorzata, joanna, ewa, beata, dorota, zuzana, jana, ivana, lenka, ioana,
mihaela, andreea, alexandra, raluca, oana, simona, ana-maria, maia, vesna, jelena, milica, dragana,
snezana, mirjana, ayse, ayşe, emine, zeynep, elif, meryem, hatice, tansu, mei, li, ying, xiu, hua, yan,
fang, jing, lan, hui, yumiko, yuko, yuki, keiko, sakura, hana, aiko, naoko, akiko, yoko, tomoko, sanae,
yuriko, min-ji, ji-won, seo-yeon, soo-jin, hye-jin, eun-ji, thi, linh, mai, ngozi, chiamaka, adaeze,
nneka, chioma, ifeoma, amaka, folake, funmilayo, yetunde, bukola, wanjiru, wangari, achieng, akinyi,
nyambura, amara, ama, abena, akosua, efua, adwoa, esi, thandiwe, thandi, nomvula, lindiwe, naledi,
zanele, winnie, graca, ellen, samia, sahle-work, maya, ava, mia, zoe, lily, ella, ruby, nora, hazel,
violet, aurora, stella, iris, june, wendy, tina, gail, lorraine, wanda, sheila, jill, tracy, tracey,
stacey, kim, dawn, melanie, claire, clare, jane, joanne, jo, kate, katie, kathy, louise, lynn, lynne,
caroline, alison, sally, tessa, vanessa, yvonne, zoë, marianne, marion, rosemary, rosalind, shelley,
trisha
`

const maleFirstNames = `
james, john, robert, michael, william, david, richard, joseph, thomas, charles, christopher, daniel,
matthew, anthony, mark, donald, steven, steve, paul, andrew, joshua, kenneth, kevin, brian, george,
timothy, ronald, edward, jason, jeffrey, ryan, jacob, gary, nicholas, eric, jonathan, stephen, larry,
justin, scott, brandon, benjamin, samuel, gregory, alexander, frank, patrick, raymond, jack, dennis,
jerry, tyler, aaron, jose, adam, nathan, henry, douglas, zachary, peter, kyle, ethan, walter, noah,
jeremy, christian, keith, roger, terry, gerald, harold, sean, seán, austin, carl, arthur, lawrence,
dylan, jesse, bryan, billy, joe, bruce, gabriel, logan, albert, willie, alan, juan, wayne, elijah,
randy, roy, vincent, ralph, eugene, russell, bobby, mason, philip, phillip, louis, harry, tom, tony,
jim, jimmy, bill, bob, rob, mike, dave, dan, danny, chris, nick, matt, ben, sam, ted, ed, eddie, fred,
freddie, geoffrey, graham, ian, iain, neil, nigel, simon, martin, colin, derek, trevor, clive, barry,
gordon, malcolm, stuart, stewart, alistair, alasdair, hamish, angus, callum, fraser, euan, ewan, ross,
craig, gavin, declan, ciaran, ciarán, padraig, pádraig, seamus, séamus, eamon, éamon, eamonn, micheál,
micheal, liam, conor, connor, cian, oisín, oisin, darragh, eoin, niall, ronan, rónán, donal, dónal,
diarmuid, fergal, colm, cathal, shane, brendan, kieran, dermot, enda, leo, bertie, dara, gareth, rhys,
dafydd, gethin, huw, owain, emlyn, aled, ieuan, steffan, oliver, jake, harvey, charlie, alfie, archie,
theo, hugo, rupert, giles, piers, crispin, tristan, boris, keir, rishi, nadhim, sajid, kwasi, sadiq,
humza, anas, abbas, ali, mohammed, muhammad, mohamed, mohammad, ahmed, ahmad, mahmoud, mahmud, hassan,
hasan, hussein, husain, omar, umar, khalid, khaled, youssef, yusuf, yousef, ibrahim, ismail, mustafa,
mostafa, abdullah, abdul, abdel, abdelaziz, abdulaziz, abdulrahman, abdel-fattah, salman, faisal, fahd,
nasser, hamad, hamid, majid, rashid, saeed, tariq, tarek, karim, kareem, amir, jamal, kamal, walid,
waleed, nabil, samir, sameer, bashar, hafez, anwar, fawzi, hosni, zaid, zayed, mansour, marwan, yahya,
yasser, yasir, jawad, javad, hossein, mehdi, reza, mohsen, ebrahim, masoud, massoud, ruhollah, akbar,
qasem, qassem, esmail, abolfazl, jalal, recep, tayyip, mehmet, ahmet, kemal, hakan, emre, murat, burak,
ekrem, devlet, binali, narendra, rahul, amit, arvind, rajnath, nitin, sanjay, rajesh, ramesh, suresh,
mahesh, vijay, ajay, anil, sunil, ravi, raj, ravindra, manmohan, atal, lal, krishna, arjun, vikram,
rohit, virat, sachin, mahendra, imran, nawaz, shehbaz, shahbaz, bilawal, asif, zulfikar, pervez,
sajeeb, tarique, ziaur, mujibur, xi, hu, jiang, deng, mao, zhou, wen, jinping, keqiang, qiang, wei,
jun, hao, lei, ming, jian, yong, tao, bo, shinzo, fumio, yoshihide, taro, shigeru, kenji, hiroshi,
takeshi, akira, koji, yoon, suk-yeol, jae-in, jae-myung, joko, prabowo, ferdinand, rodrigo, bongbong,
hun, thaksin, prayuth, mahathir, najib, lee, hsien, loong, ho, minh, vladimir, dmitry, dmitri, sergei,
sergey, alexei, alexey, aleksandr, mikhail, nikolai, nikolay, ivan, igor, yuri, yury, viktor, victor,
andrei, andriy, andrii, volodymyr, oleksandr, oleksiy, petro, vitali, vitaliy, dmytro, mykola, yevgeny,
yevgeniy, evgeny, pavel, anatoly, gennady, leonid, ramzan, aleksandar, aleksander, milorad, zoran,
goran, dragan, milan, miroslav, ivo, andrej, janez, tomas, tomáš, jan, jiri, jiří, petr, vaclav,
václav, andrzej, jarosław, jaroslaw, lech, mateusz, rafał, rafal, piotr, krzysztof, tomasz, marek,
grzegorz, wojciech, péter, gergely, laszlo, lászló, klaus, karl, hans, jurgen, jürgen, helmut, gerhard,
wolfgang, olaf, friedrich, frank-walter, markus, lars, stefan, jens, uwe, dieter, horst, günter,
gunter, heinz, manfred, rolf, sebastian, tobias, florian, maximilian, felix, lukas, jonas, niklas,
emmanuel, nicolas, francois, françois, jacques, jean, jean-luc, jean-pierre, jean-claude, jean-marie,
pierre, philippe, michel, alain, bernard, gérard, gerard, bruno, olivier, laurent, thierry, didier,
éric, antoine, mathieu, matthieu, julien, raphael, raphaël, edouard, édouard, gérald, yves, rené, rene,
mario, matteo, giuseppe, giovanni, francesco, antonio, marco, luca, paolo, sergio, silvio, romano,
enrico, massimo, giorgio, alessandro, roberto, stefano, fabio, davide, luigi, pedro, pablo, carlos,
josé, luis, miguel, manuel, javier, alberto, fernando, alfonso, felipe, rafael, santiago, alejandro,
andrés, andres, diego, jorge, ricardo, raul, raúl, mariano, unai, xabi, aitor, mikel, jon, gorka, joao,
joão, rui, paulo, luiz, inácio, inacio, jair, marcelo, cristiano, nuno, tiago, gustavo, nicolás,
vicente, enrique, claudio, sebastián, anders, mats, magnus, henrik, erik, johan, per, mikael, bjorn,
björn, ulf, olof, niels, søren, soren, rasmus, frederik, mads, kasper, ole, knut, espen, sauli, antti,
juha, matti, mika, jari, petteri, geert, dick, wopke, frans, jaap, pieter, willem, joost, koen, bart,
kwame, kofi, nana, akufo, mahama, ebenezer, kwabena, yaw, kwaku, kojo, chidi, chinedu, obinna, nnamdi,
ikenna, uche, olusegun, olumide, oluwaseun, babatunde, adewale, ademola, ayodele, bola, goodluck,
muhammadu, atiku, yemi, femi, tunde, segun, kunle, musa, abubakar, aliyu, sani, uhuru, raila, mwai,
jomo, yoweri, julius, nelson, thabo, cyril, sipho, themba, bongani, mandla, sizwe, lwazi, emmerson,
morgan, abiy, meles, haile, isaias, salva, riek, hamdan, denis, macky, ousmane, amadou, mamadou,
moussa, ibcheikh, alassane, hakainde, hichilema, lazarus, jakaya, yair, naftali, isaac, yitzhak,
shimon, ehud, ariel, moshe, avigdor, bezalel, itamar, yoav, benny, gideon, avi, eli, yossi, ron, yuval,
naim, saad, nabih, rafik, maher, fattah, gamal, doug, jagmeet, barack, lyndon, dwight, franklin, rand,
mitch, chuck, lindsey, bernie, pete, beto, gregg, greg, jd, j.d., hunter, elon, jeff, warren, tim,
sundar, satya, jensen, jamie, lloyd, howard, lachlan, wes, josh, jared, don, rudy, tucker, rex, antony,
jerome, hakeem, vivek, kash, rfk
`
