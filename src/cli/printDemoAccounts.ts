import { DEMO_ACCOUNTS } from '../seed/demo.js'

export function printDemoAccounts(password?: string): void {
  console.log('\nDemo accounts:')
  for (const account of DEMO_ACCOUNTS.slice(0, 3)) {
    console.log(`  ${account.roles[0]!.padEnd(10)} ${account.email}`)
  }
  console.log(`  (and ${DEMO_ACCOUNTS.length - 3} more demo members, one or two of each member type)`)
  if (password) {
    console.log(`  password for all of them: ${password}`)
    console.log('  This password is shown only once. Set SEED_PASSWORD before the first start to choose it.\n')
  } else {
    console.log('  password: the one printed when the demo data was first seeded (or SEED_PASSWORD).\n')
  }
}
