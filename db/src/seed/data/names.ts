/** First names from many backgrounds; the pool is shared by providers and clients in every city. */
export const firstNames = [
  'Amara', 'Tomás', 'Mei', 'Jamal', 'Sofia', 'Rahul', 'Chloe', 'Kwame', 'Aisha', 'Mateo', 'Hannah', 'Diego',
  'Yuki', 'Oliver', 'Fatima', 'Liam', 'Zara', 'Ethan', 'Nia', 'Lucas', 'Ingrid', 'Omar', 'Grace', 'Arjun',
  'Lena', 'Marcus', 'Sakura', 'Daniel', 'Ifeoma', 'Noah', 'Camila', 'Hugo', 'Anjali', 'Kofi', 'Elena', 'Ben',
  'Layla', 'Ryan', 'Thandiwe', 'Jack', 'Priyanka', 'Luca', 'Maeve', 'Andre', 'Rosa', 'Connor', 'Hana', 'Tariq',
  'Isla', 'Wei', 'Gabriela', 'Finn', 'Adaeze', 'Joseph', 'Leila', 'Samuel', 'Ana', 'Dev', 'Freya', 'Malik',
  'Olga', 'Kai', 'Beatriz', 'Patrick', 'Noor', 'Ravi', 'Ella', 'Jun', 'Lucia', 'Tyrone', 'Siobhan', 'Emeka',
];

export const lastNames = [
  'Okafor', 'Nguyen', 'García', 'Patel', 'Murphy', 'Kowalski', 'Chen', 'Mensah', 'Rossi', 'Haddad', 'Kim',
  'Johnson', 'Silva', 'Singh', 'Walsh', 'Nakamura', 'Adeyemi', 'Fischer', 'Hernández', 'Ali', 'Thompson',
  'Novak', 'Osei', 'Martin', 'Costa', 'Brennan', 'Ahmed', 'Park', 'Dubois', 'Mwangi', 'Ivanova', 'Reyes',
  'Campbell', 'Tanaka', 'Williams', 'Kaur', 'Moreau', 'Nielsen', 'Baptiste', "O'Connor", 'Cohen', 'Yilmaz',
  'Santos', 'Lee', 'Bakr', 'Russo', 'Boateng', 'Hughes', 'Sato', 'Mendes', 'Lindqvist', 'Obi', 'Das',
  'Fraser', 'Romero', 'Abdi', 'Wong', 'Jensen', 'Diallo', 'Kelly',
];

/** Skin, hair and shirt colours for illustrated avatars. */
export const skinTones = ['#f6d3b3', '#eab68f', '#d49a6a', '#b97a4f', '#8d5a3b', '#5e3b26'];
export const hairColours = ['#1f1a17', '#3b2a20', '#6b4a2f', '#a0703d', '#d6b36a', '#8c8c8c', '#b5472f'];
