import Foundation

/// The project's own pools of names and places for the synthetic force.
/// Lists are ordered roughly from most to least common, because the generator favours the front of each list
/// (so there are many Joneses and few Entwistles, as in a real force, and matching meets real collisions).
/// No surname here belongs to a real person named in the inspection reports in `seeds/` (checked with grep).
public enum SyntheticNames {
    // MARK: First names

    /// Common English female first names, including the formal names the nickname map shortens.
    public static let femaleFirstNames: [String] = [
        "Sarah", "Emma", "Olivia", "Amelia", "Sophie", "Lucy", "Hannah", "Rebecca", "Charlotte", "Lauren",
        "Jessica", "Amy", "Laura", "Rachel", "Gemma", "Kelly", "Nicola", "Lisa", "Joanne", "Michelle",
        "Helen", "Samantha", "Victoria", "Katherine", "Elizabeth", "Margaret", "Susan", "Karen", "Julie", "Claire",
        "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya",
        "Willow", "Florence", "Ella", "Poppy", "Evie", "Sienna", "Daisy", "Phoebe", "Harper", "Alice",
        "Ruby", "Matilda", "Elsie", "Evelyn", "Millie", "Chloe", "Holly", "Megan", "Zoe", "Natalie",
        "Katie", "Catherine", "Jennifer", "Patricia", "Deborah", "Alexandra", "Abigail", "Jacqueline", "Christina", "Dorothy",
        "Barbara", "Josephine", "Theresa", "Pamela", "Kimberley", "Stephanie", "Natasha", "Danielle", "Amanda", "Caroline",
        "Beverley", "Tracey", "Sharon", "Dawn", "Wendy", "Angela", "Linda", "Carol", "Janet", "Jean",
        "Joan", "Sandra", "Pauline", "Valerie", "Maureen", "Brenda", "Sheila", "Anne", "Gillian", "Lorraine",
        "Denise", "Alison", "Andrea", "Heather", "Kerry", "Leanne", "Stacey", "Jade", "Chelsea", "Courtney",
        "Shannon", "Paige", "Bethany", "Georgia", "Eleanor", "Imogen", "Niamh", "Siobhan", "Caitlin", "Erin",
        "Bronwen", "Rhiannon", "Ffion", "Morag", "Fiona", "Kirsty", "Ellie", "Molly", "Jasmine", "Leah",
        "Esme", "Harriet", "Beatrice", "Martha", "Edith", "Mabel", "Iris", "Violet", "Hazel", "Maisie",
        "Aimee", "Naomi", "Tanya", "Carly", "Hayley", "Louise", "Melanie", "Tina", "Marie", "Diane",
        "Yvonne", "Rosemary", "Irene", "Doreen", "Elaine", "Gail", "Judith", "Marion", "Frances", "Annette",
        "Bernadette", "Kathleen", "Mary", "Lesley", "Joyce", "Shirley", "Eileen", "Teresa",
    ]

    /// Common English male first names, including the formal names the nickname map shortens.
    public static let maleFirstNames: [String] = [
        "James", "Thomas", "Daniel", "Matthew", "Michael", "Christopher", "Andrew", "Robert", "William", "John",
        "Richard", "Paul", "Stephen", "Anthony", "Joseph", "Samuel", "Benjamin", "Jack", "Oliver", "Harry",
        "Joshua", "Lewis", "Ryan", "Liam", "Connor", "Callum", "Jordan", "Kieran", "Nathan", "Luke",
        "Adam", "Jake", "Tyler", "Kyle", "Dylan", "Ethan", "Noah", "Arthur", "Leo", "Charlie",
        "Oscar", "Jacob", "Henry", "Freddie", "Alfie", "Theo", "Mason", "Logan", "Lucas", "Max",
        "Finley", "Archie", "Reggie", "Stanley", "Albert", "Edward", "Steven", "Peter", "Simon", "Kevin",
        "Gary", "Lee", "Darren", "Wayne", "Dean", "Craig", "Jason", "Carl", "Neil", "Ian",
        "Graham", "Keith", "Colin", "Trevor", "Barry", "Brian", "Derek", "Roger", "Raymond", "Kenneth",
        "Gordon", "Terence", "Dennis", "Leslie", "Malcolm", "Alan", "Philip", "Nigel", "Clive", "Geoffrey",
        "Frederick", "Francis", "Patrick", "Sean", "Declan", "Ciaran", "Gareth", "Rhys", "Owen", "Dafydd",
        "Iwan", "Hamish", "Angus", "Ross", "Fraser", "Jamie", "Scott", "Stuart", "Alexander", "Nicholas",
        "Jonathan", "Timothy", "Gregory", "Vincent", "Lawrence", "Douglas", "Duncan", "Graeme", "Shaun", "Dominic",
        "Sebastian", "Toby", "Harvey", "Elliot", "Reece", "Aaron", "Jay", "Joel", "Louis", "Rory",
        "Ronnie", "Tommy", "Bobby", "Sonny", "Ralph", "Victor", "Walter", "Howard", "Harold", "Ernest",
        "Leonard", "Cyril", "Eric", "Dale", "Russell", "Glenn", "Jeremy", "Julian", "Adrian", "Gerald",
        "Bernard", "Edwin", "Caleb", "Isaac", "Elijah", "Reuben", "Jude", "Tony",
    ]

    /// Surnames common across Britain, with Irish apostrophes, Scottish Mac/Mc and some double-barrelled names.
    public static let britishSurnames: [String] = [
        "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
        "Thompson", "Wright", "Walker", "White", "Edwards", "Green", "Hall", "Lewis", "Harris", "Clarke",
        "Jackson", "Turner", "Hill", "Moore", "Clark", "Harrison", "Scott", "Young", "Morris", "Martin",
        "Ward", "Morgan", "King", "Baker", "Allen", "Watson", "James", "Bennett", "Mitchell", "Lee",
        "Carter", "Phillips", "Parker", "Shaw", "Richardson", "Price", "Collins", "Bell", "Murphy", "Richards",
        "Adams", "Marshall", "Russell", "Chapman", "Stevens", "Anderson", "Cox", "Webb", "Simpson", "Ellis",
        "Foster", "Lloyd", "Murray", "Powell", "Mason", "Hunt", "Graham", "Holmes", "Palmer", "Butler",
        "Mills", "Barnes", "Knight", "Matthews", "Rogers", "Fox", "Dixon", "Reid", "Lawrence", "Jenkins",
        "Pearson", "Rose", "Campbell", "Gibson", "Owen", "Stewart", "Kennedy", "Andrews", "Harvey", "Grant",
        "Payne", "Spencer", "Pearce", "Elliott", "Atkinson", "Hudson", "Wells", "Lane", "Hunter", "Walsh",
        "O'Brien", "O'Connor", "O'Neill", "O'Sullivan", "O'Reilly", "O'Donnell", "O'Hara", "O'Leary",
        "McDonald", "MacLeod", "McKenzie", "McLaughlin", "McCarthy", "McGregor", "Fraser", "Robertson", "Ross", "Paterson",
        "Henderson", "Sinclair", "Duncan", "Ferguson", "Cameron", "Boyle", "Doyle", "Byrne", "Quinn", "Gallagher",
        "Brennan", "Kavanagh", "Rees", "Pritchard", "Bowen", "Llewellyn", "Vaughan", "Howells", "Parry", "Pugh",
        "Barker", "Barlow", "Beck", "Bird", "Booth", "Brooks", "Burns", "Cole", "Connolly", "Day",
        "Dean", "Dunn", "Farrell", "Fletcher", "Ford", "Francis", "Gardner", "Gibbs", "Gordon", "Hart",
        "Hayes", "Holland", "Hopkins", "Horton", "Howard", "Jennings", "Kemp", "Lamb", "Little", "Lowe",
        "Lucas", "Lynch", "Mann", "Marsh", "Miles", "Moss", "Newman", "Nicholls", "Norton", "Page",
        "Parsons", "Pollard", "Potter", "Preston", "Randall", "Read", "Rowe", "Saunders", "Sharp", "Slater",
        "Stone", "Sutton", "Swift", "Thornton", "Tucker", "Vincent", "Wade", "Walton", "Warren", "Watts",
        "Weston", "Wheeler", "Whitehead", "Wilkins", "Willis", "Woods", "Woodward", "Wyatt", "Yates", "Ashworth",
        "Crossley", "Pickering", "Heywood", "Greenwood", "Hargreaves", "Sutcliffe", "Pilling", "Tattersall", "Rawlinson", "Rigby",
        "Whittaker", "Bibby", "Duckworth", "Entwistle", "Holt", "Kirby", "Bolton", "Dawson", "Briggs", "Cartwright",
        "Riley", "Hanson", "Bishop", "Porter", "Frost", "Walters", "Hobbs", "Hale", "Barton", "Field",
        "Smith-Jones", "Taylor-Brown", "Lloyd-Davies", "Price-Evans", "Watson-Bell", "Clarke-Hall", "Fox-Stevens", "Ellis-Moore",
        "Warren-Hart", "Parry-Owen",
        "Beckford", "Forbes", "Lindo", "Samuels", "Gayle",
    ]

    // MARK: First names and surnames of some of the communities that make up the UK
    // Each list holds the commoner names of its community as found in the UK, most common first, in plain ASCII
    // spellings without diacritics (Wisniewski, Goncalves).

    /// Female first names used in South Asian heritage households.
    public static let southAsianFemaleFirstNames: [String] = [
        "Aisha", "Fatima", "Ayesha", "Zara", "Priya", "Nadia", "Sana", "Amina", "Farah", "Yasmin",
        "Shabnam", "Rukhsana", "Nasreen", "Anjali", "Pooja", "Sunita", "Kiran", "Jaspreet", "Harpreet", "Simran",
        "Shazia", "Rubina", "Tahmina", "Nusrat", "Salma",
        "Maryam", "Khadija", "Hafsa", "Iqra", "Sadia", "Saima", "Neha", "Samina", "Nazia", "Parveen", "Shamima",
        "Divya", "Sabina", "Rehana", "Asma", "Hina", "Kavita", "Mehreen", "Aleena", "Anaya", "Manpreet", "Alisha",
        "Meena", "Nisha", "Taslima", "Reena", "Sumaiya", "Bhavna", "Harleen", "Tasnim", "Rahima", "Humaira",
    ]
    /// Male first names used in South Asian heritage households.
    public static let southAsianMaleFirstNames: [String] = [
        "Mohammed", "Muhammad", "Imran", "Asif", "Tariq", "Rahul", "Amit", "Sanjay", "Vikram", "Arjun",
        "Harjit", "Gurpreet", "Rajesh", "Zain", "Omar", "Bilal", "Hamza", "Faisal", "Kamran", "Shahid",
        "Abdul", "Rizwan", "Sajid", "Anwar", "Ravi",
        "Usman", "Adnan", "Ibrahim", "Nadeem", "Vijay", "Waqas", "Irfan", "Naveed", "Anil", "Arshad", "Aamir",
        "Suresh", "Ranjit", "Zubair", "Saqib", "Ismail", "Ramesh", "Ayaan", "Rayyan", "Nikhil", "Rohan", "Rafiq",
        "Jamal", "Aarav", "Deepak", "Mizanur", "Habibur", "Manoj", "Sukhdev", "Hitesh", "Kunal", "Gurdeep",
    ]
    /// Surnames common among British Indian families.
    public static let indianSurnames: [String] = [
        "Patel", "Singh", "Sharma", "Shah", "Kumar", "Mistry", "Chauhan", "Parmar", "Gill", "Sandhu",
        "Desai", "Joshi", "Mehta", "Bhatt", "Dhillon", "Sidhu", "D'Souza", "Fernandes",
        "Gupta", "Solanki", "Dhaliwal", "Kapoor", "Sahota", "Bains", "Johal", "Grewal", "Rana", "Thakkar", "Makwana",
        "Chopra", "Malhotra", "Verma", "Virdi", "Atwal", "Kang", "Rai", "Panchal", "Trivedi", "Vaghela", "Pandya",
        "Nair", "Pillai", "Reddy", "Menon", "Naidoo", "Chahal", "Bhogal", "Kalsi",
    ]
    /// Surnames common among British Pakistani families.
    public static let pakistaniSurnames: [String] = [
        "Khan", "Ahmed", "Ali", "Hussain", "Mahmood", "Iqbal", "Akhtar", "Butt", "Malik", "Qureshi",
        "Raza", "Sheikh", "Aziz", "Anwar", "Rashid", "Siddiqui", "Javed", "Nawaz",
        "Mohammed", "Shah", "Akram", "Aslam", "Ashraf", "Rehman", "Bashir", "Riaz", "Saleem", "Yousaf", "Chaudhry",
        "Mirza", "Bhatti", "Farooq", "Latif", "Haider", "Sadiq", "Zaman", "Rafiq", "Abbasi", "Mughal", "Hameed",
    ]
    /// Surnames common among British Bangladeshi families.
    public static let bangladeshiSurnames: [String] = [
        "Rahman", "Islam", "Chowdhury", "Uddin", "Miah", "Hossain", "Ahmed", "Ali", "Alam", "Haque", "Karim", "Sarkar",
        "Ullah", "Khan", "Hoque", "Choudhury", "Hasan", "Kabir", "Amin", "Mahmud", "Talukder", "Bhuiyan", "Siddique",
        "Mollah", "Mondal", "Sikder", "Munshi", "Majumder", "Das", "Matin",
    ]
    /// Female first names used in Black African and Black Caribbean heritage households.
    public static let blackFemaleFirstNames: [String] = [
        "Abena", "Adaeze", "Chiamaka", "Ngozi", "Folake", "Ama", "Blessing", "Precious", "Nia", "Amara",
        "Yetunde", "Ifeoma", "Zainab", "Hodan", "Fadumo", "Shanice", "Keisha", "Tanisha", "Marcia", "Aaliyah",
        "Chioma", "Nneka", "Adwoa", "Funmilayo", "Temitope", "Akosua", "Bukola", "Damilola", "Efua", "Halima",
        "Adaora", "Titilayo", "Sagal", "Olamide", "Esi", "Ifrah", "Latoya", "Monique", "Simone", "Hibo", "Selam",
        "Tendai", "Chipo", "Rutendo", "Nyasha", "Senait", "Luwam", "Kezia", "Shantelle", "Tiana", "Yewande", "Ebele",
    ]
    /// Male first names used in Black African and Black Caribbean heritage households.
    public static let blackMaleFirstNames: [String] = [
        "Kwame", "Kofi", "Chinedu", "Tunde", "Emeka", "Femi", "Abdi", "Yusuf", "Kwabena", "Obinna",
        "Segun", "Tyrone", "Marlon", "Delroy", "Leroy", "Winston", "Kemar", "Jermaine", "Dwayne", "Andre",
        "Oluwaseun", "Olumide", "Babatunde", "Chukwuemeka", "Emmanuel", "Ikenna", "Chidi", "Kwaku", "Yaw", "Kojo",
        "Nnamdi", "Kelechi", "Uchenna", "Kwesi", "Ebenezer", "Abdirahman", "Abdullahi", "Liban", "Mahad", "Yonas",
        "Dawit", "Biniam", "Tinashe", "Farai", "Tafadzwa", "Tatenda", "Errol", "Desmond", "Clinton", "Jerome",
        "Devon", "Kareem",
    ]
    /// Surnames common among British families of Black African heritage.
    public static let africanSurnames: [String] = [
        "Okafor", "Mensah", "Osei", "Boateng", "Adeyemi", "Adebayo", "Asante", "Owusu", "Okoye", "Nwosu",
        "Eze", "Afolabi", "Abdi", "Mohamed", "Warsame", "Farah", "Tesfaye", "Kamara", "Mwangi", "Otieno",
        "Ndlovu", "Moyo", "Banda", "Oyelaran",
        "Okonkwo", "Ogunleye", "Appiah", "Hassan", "Sesay", "Sibanda", "Nwachukwu", "Adewale", "Amoah", "Ali",
        "Kamau", "Okeke", "Ojo", "Addo", "Ahmed", "Conteh", "Dube", "Tekle", "Obi", "Akinola", "Agyeman", "Omar",
        "Koroma", "Ncube", "Njoroge", "Nnadi", "Bello", "Ofori", "Nur", "Bangura", "Haile", "Ochieng", "Chukwu",
        "Balogun", "Darko", "Jama", "Ilunga", "Mpofu", "Onyeka", "Oyewole", "Acheampong", "Hussein", "Turay",
        "Berhane", "Odhiambo", "Ugwu", "Adeleke", "Badu", "Aden", "Kargbo", "Mukendi", "Okoro", "Ogunbiyi", "Antwi",
        "Osman", "Jalloh", "Kidane", "Kariuki", "Nwankwo", "Olaniyan", "Frimpong", "Abdullahi", "Mansaray", "Mutasa",
        "Diallo", "Obiora", "Adeniyi", "Ansah", "Ismail", "Tadesse", "Omondi", "Kalonji", "Ekpo", "Akande", "Quaye",
        "Elmi", "Fofanah", "Bekele", "Mutua", "Onuoha", "Ogundipe", "Tetteh", "Mohamud", "Jallow", "Girma", "Kimani",
    ]
    /// Female first names used in Central and Eastern European heritage households.
    public static let easternEuropeanFemaleFirstNames: [String] = [
        "Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Monika", "Ewa", "Anna", "Natalia", "Ioana", "Elena",
        "Andreea", "Simona", "Ieva", "Kristina", "Marta", "Oksana", "Daria", "Justyna",
        "Malgorzata", "Aleksandra", "Karolina", "Paulina", "Dorota", "Beata", "Mihaela", "Gabriela", "Sylwia",
        "Kamila", "Cristina", "Weronika", "Patrycja", "Alina", "Izabela", "Rasa", "Agata", "Zuzanna", "Raluca",
        "Roxana", "Egle", "Jurgita", "Ilze", "Ana", "Catarina", "Desislava", "Lucia", "Ines",
    ]
    /// Male first names used in Central and Eastern European heritage households.
    public static let easternEuropeanMaleFirstNames: [String] = [
        "Piotr", "Tomasz", "Krzysztof", "Pawel", "Marcin", "Michal", "Jakub", "Andrei", "Mihai", "Ionut",
        "Lukas", "Tomas", "Mindaugas", "Jan", "Mateusz", "Bogdan", "Vasile", "Dariusz",
        "Lukasz", "Kamil", "Wojciech", "Grzegorz", "Alexandru", "Rafal", "Marek", "Bartosz", "Marius", "Florin",
        "Dawid", "Szymon", "Cristian", "Gheorghe", "Constantin", "Przemyslaw", "Kacper", "Artur", "Tadas", "Mantas",
        "Andrius", "Janis", "Stefan", "Georgi", "Dimitar", "Joao", "Ricardo", "Nuno",
    ]
    /// Surnames common among Central and Eastern European and Portuguese families in the UK.
    /// Polish `-ski` names take the feminine `-ska` for women, which the generator applies.
    public static let europeanSurnames: [String] = [
        "Nowak", "Kowalski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski", "Szymanski", "Wozniak", "Dabrowski", "Mazur",
        "Krawczyk", "Popescu", "Ionescu", "Popa", "Radu", "Dumitru", "Kazlauskas", "Petrauskas", "Ozols", "Berzins",
        "Novak", "Silva", "Santos", "Ferreira", "Costa", "Oliveira", "Rodrigues",
        "Wisniewski", "Kowalczyk", "Pereira", "Stan", "Kozlowski", "Jankowski", "Ivanov", "Jankauskas", "Kalnins",
        "Wojciechowski", "Kwiatkowski", "Kaczmarek", "Piotrowski", "Stoica", "Almeida", "Grabowski", "Zajac",
        "Pawlowski", "Michalski", "Gheorghe", "Matei", "Krol", "Carvalho", "Stankevicius", "Liepins", "Georgiev",
        "Wieczorek", "Jablonski", "Wrobel", "Nowakowski", "Ciobanu", "Rusu", "Gomes", "Vasiliauskas", "Majewski",
        "Olszewski", "Stepien", "Malinowski", "Munteanu", "Constantin", "Martins", "Dimitrov", "Jaworski", "Adamczyk",
        "Dudek", "Nowicki", "Moldovan", "Sousa", "Zukauskas", "Jansons", "Pawlak", "Gorski", "Witkowski", "Walczak",
        "Diaconu", "Ilie", "Lopes", "Petrov", "Sikora", "Baran", "Rutkowski", "Michalak", "Lungu", "Dinu", "Marques",
        "Butkus", "Balodis", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Tudor", "Marin", "Alves",
        "Paulauskas", "Nikolov", "Zalewski", "Wroblewski", "Marciniak", "Jasinski", "Nistor", "Florea", "Ribeiro",
        "Urbonas", "Krumins", "Zawadzki", "Bak", "Jakubowski", "Sadowski", "Barbu", "Neagu", "Pinto", "Kavaliauskas",
        "Hristov", "Duda", "Wlodarczyk", "Wilk", "Chmielewski", "Sandu", "Toma", "Goncalves", "Baranauskas", "Vitols",
        "Borkowski", "Sokolowski", "Szczepanski", "Sawicki", "Cristea", "Lazar", "Teixeira", "Stoyanov", "Lis",
        "Kucharski", "Kalinowski", "Wysocki", "Enache", "Oprea", "Mendes", "Pocius", "Klavins", "Maciejewski",
        "Kubiak", "Kazmierczak",
    ]
    /// Female first names used in Chinese heritage households.
    public static let chineseFemaleFirstNames: [String] = [
        "Mei", "Xiaoling", "Ying", "Hui", "Jing", "Yan", "Lan", "Fang", "Xin", "Ling", "Xiaoyan", "Jiahui", "Yuxin",
        "Zihan", "Xinyi", "Yiting", "Meiling", "Yutong", "Jiayi", "Siyu", "Xiaohong", "Lili", "Jingjing", "Huimin",
        "Wenjing", "Xiaoli", "Qian", "Yue", "Min", "Hong", "Lingling", "Xiaomei", "Yingying", "Waiyee", "Xueying",
        "Shuting", "Ziyi", "Yiqing", "Kaman", "Jiaqi", "Yuqi", "Kexin", "Mengting", "Puiyee", "Wanting", "Yuting",
        "Ruoxi", "Mengyao", "Sukyee", "Yunxi", "Shuang", "Xiaojing", "Yanling", "Kayan", "Huifang", "Jiali",
        "Xiaowen", "Hoiyan", "Suetying", "Lihua",
    ]
    /// Male first names used in Chinese heritage households.
    public static let chineseMaleFirstNames: [String] = [
        "Wei", "Jun", "Hao", "Ming", "Jian", "Lei", "Tao", "Bo", "Kai", "Qiang", "Xiaoming", "Haoran", "Yifan",
        "Zihao", "Yuxuan", "Junjie", "Hongwei", "Kawai", "Jiahao", "Zhiwei", "Yichen", "Jianguo", "Haoyu", "Zhiyuan",
        "Tianyu", "Jiawei", "Weijie", "Bin", "Gang", "Peng", "Chiming", "Feng", "Chao", "Xiang", "Liang", "Dong",
        "Zhenyu", "Kwokwai", "Jinhua", "Guoqiang", "Weiming", "Xiaodong", "Xiaolong", "Jianhua", "Waikeung",
        "Jianping", "Zhihao", "Yuhang", "Chunkit", "Mingyu", "Hanwen", "Siuming", "Kinwah", "Yong", "Hua", "Zhong",
        "Shuai", "Zhiqiang", "Ziming", "Wenbin",
    ]
    /// Surnames common among Chinese heritage families in the UK.
    public static let chineseSurnames: [String] = [
        "Chen", "Wong", "Li", "Zhang", "Wang", "Liu", "Huang", "Lin", "Yang", "Zhao",
        "Wu", "Zhou", "Cheung", "Chan", "Lam", "Ng", "Ho", "Leung", "Tang", "Yip",
        "Lee", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "Chow", "Gao", "Luo", "Tsang", "Yeung", "Kwok", "Tam", "Fung",
        "Xie",
    ]
    /// Female first names used in Arab, Kurdish, Iranian, Turkish and other heritage households.
    public static let otherFemaleFirstNames: [String] = [
        "Layla", "Mariam", "Noor", "Rania", "Huda", "Dina", "Reem", "Leyla", "Shirin", "Elif", "Zahra", "Amal",
        "Zeynep", "Linh", "Samira", "Avin", "Ayse", "Hanan", "Parisa", "Thuy", "Yasmine", "Rojin", "Emine", "Roya",
        "Maricel", "Lina", "Neda", "Huong", "Merve", "Hala", "Dilan", "Rowena", "Iman", "Mahsa", "Trang", "Ozlem",
        "Rasha", "Azadeh", "Esra", "Ngoc", "Jocelyn", "Rosario",
    ]
    /// Male first names used in Arab, Kurdish, Iranian, Turkish and other heritage households.
    public static let otherMaleFirstNames: [String] = [
        "Ahmed", "Khalid", "Youssef", "Karim", "Samir", "Hassan", "Mustafa", "Nabil", "Reza", "Emre", "Mohamed",
        "Ali", "Omar", "Mehmet", "Minh", "Ibrahim", "Hussein", "Mehdi", "Murat", "Tarek", "Rebwar", "Tuan", "Walid",
        "Amir", "Hossein", "Ahmet", "Kawa", "Fadi", "Hung", "Mahmoud", "Arash", "Huseyin", "Rami", "Aram", "Duc",
        "Hamid", "Rodel", "Saeed", "Hiwa", "Thanh", "Dilshad", "Reynaldo",
    ]
    /// Surnames common among Arab, Kurdish, Iranian, Turkish, Vietnamese and Filipino families in the UK.
    public static let otherSurnames: [String] = [
        "Hassan", "Ibrahim", "Mohammed", "Abdullah", "Said", "Mansour", "Haddad", "Yilmaz", "Demir", "Kaya",
        "Aydin", "Karimi", "Ahmadi", "Hosseini", "Rahimi", "Nguyen", "Tran", "Pham", "Cruz", "Reyes",
        "Ali", "Ahmed", "Le", "Celik", "Santos", "Mohammadi", "Saleh", "Hoang", "Sahin", "Garcia", "Hussein",
        "Rezaei", "Yildiz", "Phan", "Abbas", "Bautista", "Khalil", "Moradi", "Yildirim", "Vu", "Mendoza", "Nasser",
        "Jafari", "Ozturk", "Vo", "Ramos", "Qadir", "Salem", "Hashemi", "Arslan", "Dang", "Flores", "Rasul",
        "Mahmoud", "Sadeghi", "Dogan", "Bui", "Villanueva", "Othman", "Rostami", "Kilic", "Gonzales", "Hamad",
        "Kazemi", "Aslan", "Ngo", "Torres", "Khoury", "Ghorbani", "Cetin", "Duong", "Castillo", "Salih", "Mousavi",
        "Kara", "Ho", "Domingo", "Awad", "Ebrahimi", "Koc",
    ]

    // MARK: Nicknames

    /// Formal first names and the short forms people give instead (Katherine → Kate), so a second record
    /// can be entered under a nickname, as happens when a caller gives the name they use.
    /// An array, not a dictionary, so the generator's walk through it is the same in every process.
    public static let nicknames: [(formal: String, short: [String])] = [
        ("Katherine", ["Kate", "Kathy", "Katie", "Kath"]), ("Catherine", ["Cathy", "Kate", "Cath"]),
        ("William", ["Bill", "Will", "Billy"]), ("Margaret", ["Maggie", "Peggy", "Meg"]),
        ("Robert", ["Bob", "Rob", "Bobby", "Robbie"]), ("Elizabeth", ["Liz", "Beth", "Lizzie", "Betty"]),
        ("Richard", ["Rick", "Rich", "Richie"]), ("James", ["Jim", "Jimmy", "Jamie"]),
        ("John", ["Johnny", "Jack"]), ("Michael", ["Mike", "Mick", "Mickey"]),
        ("Christopher", ["Chris", "Kit"]), ("Anthony", ["Tony", "Ant"]), ("Andrew", ["Andy", "Drew"]),
        ("Stephen", ["Steve"]), ("Steven", ["Steve"]), ("Thomas", ["Tom", "Tommy"]),
        ("Daniel", ["Dan", "Danny"]), ("Matthew", ["Matt"]), ("Nicholas", ["Nick", "Nicky"]),
        ("Joseph", ["Joe", "Joey"]), ("Edward", ["Ed", "Eddie", "Ted"]), ("Alexander", ["Alex", "Sandy"]),
        ("Benjamin", ["Ben", "Benny"]), ("Samuel", ["Sam", "Sammy"]), ("Jonathan", ["Jon", "Jonny"]),
        ("Timothy", ["Tim"]), ("Gregory", ["Greg"]), ("Frederick", ["Fred", "Freddie"]),
        ("Patrick", ["Pat", "Paddy"]), ("Kenneth", ["Ken", "Kenny"]), ("Raymond", ["Ray"]),
        ("Terence", ["Terry"]), ("Leonard", ["Len", "Lenny"]), ("Lawrence", ["Larry", "Laurie"]),
        ("Philip", ["Phil"]), ("Geoffrey", ["Geoff"]), ("Douglas", ["Doug"]), ("Harold", ["Harry"]),
        ("Mohammed", ["Mo"]), ("Muhammad", ["Mo"]),
        ("Samantha", ["Sam", "Sammy"]), ("Rebecca", ["Becky", "Becca"]), ("Jennifer", ["Jen", "Jenny"]),
        ("Victoria", ["Vicky", "Tori"]), ("Alexandra", ["Alex", "Lexi"]), ("Deborah", ["Debbie", "Debs"]),
        ("Susan", ["Sue", "Suzy"]), ("Patricia", ["Pat", "Trish", "Tricia"]), ("Jacqueline", ["Jackie"]),
        ("Abigail", ["Abby", "Abbie"]), ("Josephine", ["Josie"]), ("Dorothy", ["Dot", "Dolly"]),
        ("Barbara", ["Babs"]), ("Christina", ["Tina", "Chrissie"]), ("Theresa", ["Tess", "Terri"]),
        ("Teresa", ["Tess", "Terri"]), ("Pamela", ["Pam"]), ("Kimberley", ["Kim"]), ("Stephanie", ["Steph"]),
        ("Natasha", ["Tash", "Tasha"]), ("Danielle", ["Dani"]), ("Nicola", ["Nicky", "Nic"]),
        ("Jessica", ["Jess", "Jessie"]), ("Caroline", ["Caz", "Carrie"]), ("Eleanor", ["Ellie", "Nell"]),
        ("Charlotte", ["Lottie", "Charlie"]), ("Frances", ["Fran"]), ("Gillian", ["Gill", "Jill"]),
        ("Kathleen", ["Kath", "Kathy"]), ("Beverley", ["Bev"]), ("Valerie", ["Val"]), ("Florence", ["Flo"]),
    ]

    /// The short forms of a formal first name, or none.
    public static func nicknames(for formal: String) -> [String] {
        nicknames.first { $0.formal == formal }?.short ?? []
    }

    // MARK: Places

    /// Towns the synthetic force covers, with their postcode districts and how many households live there.
    public static let towns: [SyntheticTown] = [
        .init(name: "Preston", postcodeArea: "PR", firstDistrict: 1, districts: 5, weight: 14),
        .init(name: "Blackburn", postcodeArea: "BB", firstDistrict: 1, districts: 3, weight: 12),
        .init(name: "Burnley", postcodeArea: "BB", firstDistrict: 10, districts: 3, weight: 8),
        .init(name: "Lancaster", postcodeArea: "LA", firstDistrict: 1, districts: 2, weight: 5),
        .init(name: "Morecambe", postcodeArea: "LA", firstDistrict: 3, districts: 2, weight: 4),
        .init(name: "Blackpool", postcodeArea: "FY", firstDistrict: 1, districts: 5, weight: 14),
        .init(name: "Chorley", postcodeArea: "PR", firstDistrict: 6, districts: 2, weight: 6),
        .init(name: "Accrington", postcodeArea: "BB", firstDistrict: 5, districts: 1, weight: 4),
        .init(name: "Skelmersdale", postcodeArea: "WN", firstDistrict: 8, districts: 1, weight: 4),
        .init(name: "Norwich", postcodeArea: "NR", firstDistrict: 1, districts: 7, weight: 14),
        .init(name: "King's Lynn", postcodeArea: "PE", firstDistrict: 30, districts: 4, weight: 5),
        .init(name: "Great Yarmouth", postcodeArea: "NR", firstDistrict: 30, districts: 2, weight: 6),
        .init(name: "Thetford", postcodeArea: "IP", firstDistrict: 24, districts: 1, weight: 3),
        .init(name: "Dereham", postcodeArea: "NR", firstDistrict: 19, districts: 2, weight: 2),
        .init(name: "Cromer", postcodeArea: "NR", firstDistrict: 27, districts: 1, weight: 1),
        .init(name: "Chelmsford", postcodeArea: "CM", firstDistrict: 1, districts: 3, weight: 10),
        .init(name: "Colchester", postcodeArea: "CO", firstDistrict: 1, districts: 4, weight: 11),
        .init(name: "Basildon", postcodeArea: "SS", firstDistrict: 13, districts: 4, weight: 10),
        .init(name: "Southend-on-Sea", postcodeArea: "SS", firstDistrict: 0, districts: 4, weight: 12),
        .init(name: "Harlow", postcodeArea: "CM", firstDistrict: 17, districts: 4, weight: 6),
        .init(name: "Clacton-on-Sea", postcodeArea: "CO", firstDistrict: 15, districts: 2, weight: 4),
        .init(name: "Braintree", postcodeArea: "CM", firstDistrict: 7, districts: 1, weight: 3),
        .init(name: "Brentwood", postcodeArea: "CM", firstDistrict: 13, districts: 3, weight: 3),
        .init(name: "Harwich", postcodeArea: "CO", firstDistrict: 12, districts: 1, weight: 1),
        .init(name: "Worcester", postcodeArea: "WR", firstDistrict: 1, districts: 5, weight: 8),
        .init(name: "Hereford", postcodeArea: "HR", firstDistrict: 1, districts: 4, weight: 5),
        .init(name: "Shrewsbury", postcodeArea: "SY", firstDistrict: 1, districts: 3, weight: 6),
        .init(name: "Telford", postcodeArea: "TF", firstDistrict: 1, districts: 7, weight: 11),
        .init(name: "Kidderminster", postcodeArea: "DY", firstDistrict: 10, districts: 5, weight: 4),
        .init(name: "Redditch", postcodeArea: "B", firstDistrict: 97, districts: 2, weight: 6),
        .init(name: "Bromsgrove", postcodeArea: "B", firstDistrict: 60, districts: 2, weight: 3),
        .init(name: "Ludlow", postcodeArea: "SY", firstDistrict: 8, districts: 1, weight: 1),
        .init(name: "Evesham", postcodeArea: "WR", firstDistrict: 11, districts: 1, weight: 2),
        .init(name: "Malvern", postcodeArea: "WR", firstDistrict: 14, districts: 1, weight: 2),
    ]

    /// Street names, combined with `streetTypes` and a number into an address line.
    public static let streetNames: [String] = [
        "Church", "Station", "Mill", "Victoria", "Park", "High", "Queen's", "King's", "Manor", "School",
        "Chapel", "Green", "Grange", "Springfield", "Highfield", "Oak", "Elm", "Ash", "Beech", "Willow",
        "Cedar", "Holly", "Hawthorn", "Laburnum", "Lime", "Maple", "Rowan", "Sycamore", "Chestnut", "Poplar",
        "Albert", "Alexandra", "George", "Windsor", "York", "Lancaster", "Stanley", "Cromwell", "Nelson", "Wellington",
        "Meadow", "Orchard", "Brook", "River", "Bridge", "Market", "North", "South", "East", "Castle",
        "Abbey", "Priory", "Vicarage", "Rectory", "Farm", "Moor", "Heath", "Hillside", "Valley", "Fairfield",
        "Westfield", "Ashfield", "Broad", "Long", "New", "Old", "Kingsway", "St John's", "St Mary's", "Coronation",
        "Jubilee", "Carlton", "Belmont", "Clarence", "Shakespeare", "Milton", "Tennyson", "Wordsworth", "Darwin", "Newton",
    ]

    /// Street types; the generator favours the front of the list.
    public static let streetTypes: [String] = [
        "Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Gardens", "Grove",
        "Terrace", "Place", "Court", "View", "Rise", "Walk", "Mews",
    ]

    /// Letters that may end a postcode (the inward code avoids C, I, K, M, O and V).
    public static let postcodeUnitLetters: [Character] = Array("ABDEFGHJLNPQRSTUWXYZ")

    /// Languages an interpreter is booked for, by community; British Sign Language is open to anyone.
    public static let interpreterLanguages: (
        european: [String], indian: [String], pakistani: [String], bangladeshi: [String],
        african: [String], chinese: [String], other: [String], anyone: [String]
    ) = (
        european: ["Polish", "Romanian", "Lithuanian", "Latvian", "Portuguese", "Bulgarian"],
        indian: ["Gujarati", "Punjabi", "Hindi", "Tamil"],
        pakistani: ["Urdu", "Punjabi", "Pashto"],
        bangladeshi: ["Bengali", "Sylheti"],
        african: ["Somali", "Tigrinya", "Amharic", "French"],
        chinese: ["Mandarin", "Cantonese"],
        other: ["Arabic", "Kurdish", "Farsi", "Turkish", "Vietnamese", "Tagalog"],
        anyone: ["British Sign Language"]
    )

    /// Vulnerabilities recorded on people, in the words officers use.
    public static let vulnerabilities: [String] = [
        "mental health", "alcohol misuse", "drug misuse", "physical disability", "learning disability",
        "pregnant", "older person", "financially dependent on partner", "socially isolated", "no recourse to public funds",
    ]
}

/// A town of the synthetic force: postcodes there run from `postcodeArea` + `firstDistrict` over `districts` districts.
public struct SyntheticTown: Sendable {
    public var name: String
    public var postcodeArea: String
    public var firstDistrict: Int
    public var districts: Int
    /// How many households live there, relative to the other towns.
    public var weight: Int
}
